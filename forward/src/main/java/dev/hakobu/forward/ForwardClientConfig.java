package dev.hakobu.forward;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the agent forwards chunks to, and how hard it tries. Either {@code servers} (a cluster, with weights
 * and standbys) or the short form {@code host} and {@code port} for a single aggregator.
 */
@Doc("Forward protocol v1 client with acks, retries and failover across aggregators")
public record ForwardClientConfig(
        @Doc("aggregators; chunks are spread over the healthy regular ones by weight")
                List<ForwardNodeConfig> servers,
        @Doc("short form for a single aggregator: its host (instead of servers)")
                Optional<String> host,
        @Doc("short form: the port of host") @Default("24224") int port,
        @Doc("give up one connection attempt (TCP, TLS and handshake) after this long")
                @Default("5s")
                Duration connectTimeout,
        @Doc("a chunk not acked within this long is resent on another node, which is marked down")
                @Default("30s")
                Duration ackTimeout,
        @Doc(
                        "payload compression: auto, none, gzip or zstd. auto (the default) sends zstd, which costs the agent"
                                + " the least CPU, and switches a server to gzip for good if it closes the connection twice on zstd"
                                + " chunks before it ever acked one (Fluentd 1.18 knows no zstd); nothing is lost, the refused chunks are"
                                + " resent in gzip. A server's own compression overrides it")
                @Default("auto")
                Compression compression,
        @Doc(
                        "chunks sent but not yet acked before send() blocks; each holds up to batch.max_bytes of memory until acked")
                @Default("4")
                int maxInFlightChunks,
        @Doc("first delay before probing a node that failed; doubles per failure, with jitter")
                @Default("500ms")
                Duration retryBackoffMin,
        @Doc("longest delay between probes of a failed node") @Default("30s")
                Duration retryBackoffMax,
        @Doc("shared-key handshake, for aggregators that demand one")
                Optional<ClientSecurityConfig> security,
        @Doc("connect with TLS") Optional<ClientTlsConfig> tls) {

    /** How a PackedForward payload is compressed on the wire. */
    /** How a PackedForward payload is compressed on the wire; AUTO is ZSTD until a server shows it takes only gzip. */
    public enum Compression {
        NONE,
        GZIP,
        ZSTD,
        AUTO
    }

    public ForwardClientConfig {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(tls, "tls");
        servers = List.copyOf(servers == null ? List.of() : servers);
        if (!servers.isEmpty() && host.isPresent()) {
            throw new IllegalArgumentException("host: give either servers or host/port, not both");
        }
        if (servers.isEmpty()) {
            if (host.isEmpty()) {
                throw new IllegalArgumentException(
                        "servers: required; list the aggregators, e.g. [{host: agg-1, port: 24224}]");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(
                        "port: " + port + " is not a TCP port (1 to 65535)");
            }
            servers = List.of(ForwardNodeConfig.of(host.get(), port));
        }
        if (servers.stream().map(n -> n.host() + ":" + n.port()).distinct().count()
                < servers.size()) {
            throw new IllegalArgumentException("servers: the same host and port is listed twice");
        }
        requirePositive(connectTimeout, "connect_timeout");
        requirePositive(ackTimeout, "ack_timeout");
        requirePositive(retryBackoffMin, "retry_backoff_min");
        requirePositive(retryBackoffMax, "retry_backoff_max");
        if (retryBackoffMax.compareTo(retryBackoffMin) < 0) {
            throw new IllegalArgumentException(
                    "retry_backoff_max: must not be below retry_backoff_min ("
                            + retryBackoffMin
                            + ")");
        }
        if (maxInFlightChunks < 1) {
            throw new IllegalArgumentException("max_in_flight_chunks: must be at least 1");
        }
    }

    /** Every default, sending to {@code host:port}. */
    public static ForwardClientConfig defaults(String host, int port) {
        return defaults(List.of(ForwardNodeConfig.of(host, port)));
    }

    /** Every default, sending to {@code servers}. */
    public static ForwardClientConfig defaults(List<ForwardNodeConfig> servers) {
        return new ForwardClientConfig(
                servers,
                Optional.empty(),
                24224,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Compression.AUTO,
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Optional.empty(),
                Optional.empty());
    }

    /** The compression chunks to {@code server} are sent with: its own, else {@link #compression()}. */
    public Compression compressionOf(ForwardNodeConfig server) {
        return server.compression().orElse(compression);
    }

    /**
     * The largest chunk, in bytes of uncompressed entries, that every server takes: the smallest
     * {@code max_chunk_bytes} of any server (a chunk may fail over to any of them); empty if none sets one.
     */
    public OptionalLong maxChunkBytes() {
        return servers.stream()
                .flatMap(s -> s.maxChunkBytes().stream())
                .mapToLong(DataSize::bytes)
                .min();
    }

    /** This config with other timeouts and backoff, as tests and benchmarks need. */
    public ForwardClientConfig withTiming(
            Duration connectTimeout,
            Duration ackTimeout,
            Duration backoffMin,
            Duration backoffMax) {
        return new ForwardClientConfig(
                servers,
                Optional.empty(),
                port,
                connectTimeout,
                ackTimeout,
                compression,
                maxInFlightChunks,
                backoffMin,
                backoffMax,
                security,
                tls);
    }

    /** This config with another compression and in-flight limit. */
    public ForwardClientConfig withSending(Compression compression, int maxInFlightChunks) {
        return new ForwardClientConfig(
                servers,
                Optional.empty(),
                port,
                connectTimeout,
                ackTimeout,
                compression,
                maxInFlightChunks,
                retryBackoffMin,
                retryBackoffMax,
                security,
                tls);
    }

    /** This config with a handshake and/or TLS. */
    public ForwardClientConfig withSecurity(
            Optional<ClientSecurityConfig> security, Optional<ClientTlsConfig> tls) {
        return new ForwardClientConfig(
                servers,
                Optional.empty(),
                port,
                connectTimeout,
                ackTimeout,
                compression,
                maxInFlightChunks,
                retryBackoffMin,
                retryBackoffMax,
                security,
                tls);
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be a positive duration, e.g. 5s");
        }
    }
}
