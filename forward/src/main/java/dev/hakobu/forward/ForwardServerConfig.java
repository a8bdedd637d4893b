package dev.hakobu.forward;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Where and how the aggregator listens for Forward protocol clients. */
@Doc("Forward protocol v1 listener (fluentd, Fluent Bit, Fluency and Hakobu agents)")
public record ForwardServerConfig(
        @Doc("address to listen on") @Default("0.0.0.0") String bind,
        @Doc("TCP port; 0 picks a free one") @Default("24224") int port,
        @Doc("largest frame accepted, as sent on the wire; a larger one closes the connection")
                @Default("64MiB")
                DataSize maxFrameBytes,
        @Doc(
                        "largest payload a compressed frame may inflate to; a larger one closes the connection")
                @Default("64MiB")
                DataSize maxDecompressedBytes,
        @Doc(
                        "decoded events held in memory over all connections until the buffer has them; past it no connection"
                                + " is read until some are stored (with the packaged -Xmx1g, leave at least half the heap to the rest)")
                @Default("192MiB")
                DataSize maxInMemoryBytes,
        @Doc("close a connection that sends nothing for this long while nothing of it is pending")
                @Default("5m")
                Duration idleTimeout,
        @Doc("requests of one connection waiting for the buffer before reading from it pauses")
                @Default("8")
                int maxPendingPerConnection,
        @Doc(
                        "require the shared-key handshake; absent: clients send at once, as with in_forward without <security>")
                Optional<ServerSecurityConfig> security,
        @Doc("serve TLS instead of plain TCP") Optional<ServerTlsConfig> tls) {

    public ForwardServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(maxFrameBytes, "max_frame_bytes");
        Objects.requireNonNull(maxDecompressedBytes, "max_decompressed_bytes");
        Objects.requireNonNull(maxInMemoryBytes, "max_in_memory_bytes");
        Objects.requireNonNull(idleTimeout, "idle_timeout");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not a TCP port (0 to 65535)");
        }
        if (maxFrameBytes.bytes() < 16 || maxFrameBytes.bytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "max_frame_bytes: must be between 16 bytes and 2GiB");
        }
        if (maxDecompressedBytes.bytes() < 1) {
            throw new IllegalArgumentException("max_decompressed_bytes: must be positive");
        }
        if (maxInMemoryBytes.bytes() < 1) {
            throw new IllegalArgumentException("max_in_memory_bytes: must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle_timeout: must be positive, e.g. 5m");
        }
        if (maxPendingPerConnection < 1) {
            throw new IllegalArgumentException("max_pending_per_connection: must be at least 1");
        }
    }

    /** Every default, listening on {@code bind:port}. */
    public static ForwardServerConfig defaults(String bind, int port) {
        return new ForwardServerConfig(
                bind,
                port,
                DataSize.ofBytes(64L << 20),
                DataSize.ofBytes(64L << 20),
                DataSize.ofBytes(192L << 20),
                Duration.ofMinutes(5),
                8,
                Optional.empty(),
                Optional.empty());
    }

    /** This config with the handshake demanded. */
    public ForwardServerConfig withSecurity(ServerSecurityConfig security) {
        return new ForwardServerConfig(
                bind,
                port,
                maxFrameBytes,
                maxDecompressedBytes,
                maxInMemoryBytes,
                idleTimeout,
                maxPendingPerConnection,
                Optional.of(security),
                tls);
    }

    /** This config serving TLS. */
    public ForwardServerConfig withTls(ServerTlsConfig tls) {
        return new ForwardServerConfig(
                bind,
                port,
                maxFrameBytes,
                maxDecompressedBytes,
                maxInMemoryBytes,
                idleTimeout,
                maxPendingPerConnection,
                security,
                Optional.of(tls));
    }
}
