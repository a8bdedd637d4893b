package dev.hakobu.forward;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;
import dev.hakobu.forward.ForwardClientConfig.Compression;
import java.util.Objects;
import java.util.Optional;

/**
 * One aggregator a {@link ForwardClient} may send to; weights and standby as in Fluentd's out_forward, and
 * what this receiver accepts when it is not a Hakobu aggregator (its compression, its largest chunk).
 */
@Doc("An aggregator the agent forwards to")
public record ForwardNodeConfig(
        @Doc("host name or address") String host,
        @Doc("TCP port") @Default("24224") @Range(min = 1, max = 65535) int port,
        @Doc("share of the chunks this node gets among the healthy regular nodes")
                @Default("60")
                @Range(min = 1, max = 1_000_000)
                int weight,
        @Doc("used only while no regular node is healthy") @Default("false") boolean standby,
        @Doc(
                        "payload compression for this server, instead of forward.compression: auto, none, gzip or zstd (zstd"
                                + " needs a Hakobu aggregator, Fluentd 1.19+ or Fluent Bit)")
                Optional<Compression> compression,
        @Doc(
                        "largest chunk this server takes, in uncompressed entries (e.g. Fluent Bit's Buffer_Chunk_Size). A chunk"
                                + " may fail over to any server, so every chunk is cut to the smallest of batch.max_bytes and every"
                                + " server's max_chunk_bytes")
                Optional<DataSize> maxChunkBytes) {

    public ForwardNodeConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(maxChunkBytes, "maxChunkBytes");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not a TCP port (1 to 65535)");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight: must be at least 1");
        }
        if (maxChunkBytes.isPresent()
                && (maxChunkBytes.get().bytes() < 1024
                        || maxChunkBytes.get().bytes() > 64L << 20)) {
            throw new IllegalArgumentException("max_chunk_bytes: must be between 1KiB and 64MiB");
        }
    }

    /** A server with the forward-level compression and no chunk limit of its own. */
    public ForwardNodeConfig(String host, int port, int weight, boolean standby) {
        this(host, port, weight, standby, Optional.empty(), Optional.empty());
    }

    /** A regular node with Fluentd's default weight, 60. */
    public static ForwardNodeConfig of(String host, int port) {
        return new ForwardNodeConfig(host, port, 60, false);
    }

    /** This server with its own compression. */
    public ForwardNodeConfig withCompression(Compression compression) {
        return new ForwardNodeConfig(
                host, port, weight, standby, Optional.of(compression), maxChunkBytes);
    }

    @Override
    public String toString() {
        return host + ":" + port + (standby ? " (standby)" : "");
    }
}
