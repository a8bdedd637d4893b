package dev.hakobu.agent.ship;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.Duration;
import java.util.OptionalLong;

@Doc("How lines are grouped into forward chunks: a chunk is sent when it is full or old enough.")
// 960000 bytes: under 1,024,000, the Buffer_Chunk_Size by default of Fluent Bit's in_forward, which
// (4.2.8)
// acks and then drops a compressed chunk that inflates to more than that; as close to it as is
// safe, since
// smaller chunks cost CPU per line (a journal file, two fsyncs and a position save per chunk:
// 512KiB cost
// ~15 % more than 1MiB, bench/results/2026-11-22-agent-memory.md, second section). With
// forward.max_in_flight_chunks 4 the agent pools (4 + 2) chunk arrays, ~5.5 MiB.
public record BatchConfig(
        @Doc(
                        "A chunk is sent before its entries (uncompressed) would exceed this size; a single record larger than"
                                + " it goes alone. The default stays under Fluent Bit's default in_forward Buffer_Chunk_Size"
                                + " (1,024,000 bytes); a forward server's max_chunk_bytes lowers it.")
                @Default("960000")
                DataSize maxBytes,
        @Doc("A chunk is sent at the latest this long after its first line.") @Default("1s")
                Duration flushInterval,
        @Doc(
                        "Bytes held in chunks being filled, over all tags; past it the fullest is sent early. In flight after"
                                + " that: at most forward.max_in_flight_chunks chunks of max_bytes.")
                @Default("4MiB")
                DataSize maxBufferedBytes) {

    public BatchConfig {
        if (maxBytes.bytes() < 1024 || maxBytes.bytes() > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("max_bytes: must be between 1KiB and 64MiB");
        }
        if (maxBufferedBytes.bytes() < maxBytes.bytes()
                || maxBufferedBytes.bytes() > 1024L * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "max_buffered_bytes: must be at least max_bytes ("
                            + maxBytes
                            + ") and at most 1GiB");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flush_interval: must be positive");
        }
    }

    public BatchConfig(DataSize maxBytes, Duration flushInterval) {
        this(
                maxBytes,
                flushInterval,
                DataSize.ofBytes(Math.max(4L * 1024 * 1024, maxBytes.bytes())));
    }

    /**
     * This config with {@code max_bytes} lowered to {@code limit} if that is smaller: a chunk may go to (or
     * fail over to) any forward server, so every chunk must fit the smallest server limit.
     */
    public BatchConfig limitedTo(OptionalLong limit) {
        if (limit.isEmpty() || limit.getAsLong() >= maxBytes.bytes()) {
            return this;
        }
        return new BatchConfig(
                DataSize.ofBytes(limit.getAsLong()), flushInterval, maxBufferedBytes);
    }
}
