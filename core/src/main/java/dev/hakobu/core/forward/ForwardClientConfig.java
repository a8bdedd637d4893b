package dev.hakobu.core.forward;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.Duration;
import java.util.Objects;

/** Where the agent forwards chunks to, and how hard it tries. */
@Doc("Forward protocol v1 client with acks and retries")
public record ForwardClientConfig(
        @Doc("aggregator host name or address") @Default("127.0.0.1") String host,
        @Doc("aggregator port") @Default("24224") int port,
        @Doc("give up one connection attempt after this long") @Default("5s") Duration connectTimeout,
        @Doc("a chunk not acked within this long is resent over a new connection") @Default("30s") Duration ackTimeout,
        @Doc("payload compression: none, gzip or zstd; use gzip or none for aggregators without zstd support")
        @Default("zstd") Compression compression,
        @Doc("chunks sent but not yet acked before send() blocks") @Default("8") int maxInFlightChunks,
        @Doc("first reconnect delay; doubles per failure, with jitter") @Default("500ms") Duration retryBackoffMin,
        @Doc("longest reconnect delay") @Default("30s") Duration retryBackoffMax) {

    /** How a PackedForward payload is compressed on the wire. */
    public enum Compression { NONE, GZIP, ZSTD }

    public ForwardClientConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(compression, "compression");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not a TCP port (1 to 65535)");
        }
        requirePositive(connectTimeout, "connect_timeout");
        requirePositive(ackTimeout, "ack_timeout");
        requirePositive(retryBackoffMin, "retry_backoff_min");
        requirePositive(retryBackoffMax, "retry_backoff_max");
        if (retryBackoffMax.compareTo(retryBackoffMin) < 0) {
            throw new IllegalArgumentException("retry_backoff_max: must not be below retry_backoff_min (" + retryBackoffMin + ")");
        }
        if (maxInFlightChunks < 1) {
            throw new IllegalArgumentException("max_in_flight_chunks: must be at least 1");
        }
    }

    /** Every default, sending to {@code host:port}. */
    public static ForwardClientConfig defaults(String host, int port) {
        return new ForwardClientConfig(host, port, Duration.ofSeconds(5), Duration.ofSeconds(30), Compression.ZSTD, 8,
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be a positive duration, e.g. 5s");
        }
    }
}
