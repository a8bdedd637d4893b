package dev.hakobu.agent.ship;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.Duration;

@Doc("How lines are grouped into forward chunks: a chunk is sent when it is full or old enough.")
public record BatchConfig(
        @Doc("A chunk is sent once its entries reach this size.") @Default("1MiB") DataSize maxBytes,
        @Doc("A chunk is sent at the latest this long after its first line.") @Default("1s") Duration flushInterval) {

    public BatchConfig {
        if (maxBytes.bytes() < 1024 || maxBytes.bytes() > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("max_bytes: must be between 1KiB and 64MiB");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flush_interval: must be positive");
        }
    }
}
