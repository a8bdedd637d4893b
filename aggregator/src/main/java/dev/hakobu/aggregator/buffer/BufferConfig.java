package dev.hakobu.aggregator.buffer;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;
import dev.hakobu.config.WritableDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@Doc(
        "The disk buffer in front of each output: chunks are appended here before the sender gets its ack.")
public record BufferConfig(
        @Doc("Directory of the buffers (one subfolder per output). Default: <state_dir>/buffer.")
                @WritableDirectory
                Optional<Path> dir,
        @Doc("A chunk closes (and goes to the output) once it holds this many bytes.")
                @Default("8MiB")
                DataSize chunkBytes,
        @Doc("... or this many events.") @Default("200000") @Range(min = 1, max = 100_000_000)
                int chunkRecords,
        @Doc("... or when it is this old,") @Default("5s") Duration maxAge,
        @Doc(
                        "... and no event of its partition came for this long (late events join it; never longer than max_age + late_wait).")
                @Default("1s")
                Duration lateWait,
        @Doc("Most bytes one output's buffer may hold on disk; beyond it, overflow decides.")
                @Default("1GiB")
                DataSize totalBytes,
        @Doc(
                        "block: senders wait (no ack) until the output drains; drop_oldest: delete the oldest waiting chunk (counted, logged).")
                @Default("block")
                Overflow overflow,
        @Doc(
                        "every_batch: an append returns (and the ack goes out) only once it is on disk; concurrent appends share one fsync. "
                                + "never: leave it to the OS (a power loss can lose acked events).")
                @Default("every_batch")
                Fsync fsync,
        @Doc("Delivered chunk ids each buffer remembers, so a late resend is not stored twice.")
                @Default("200000")
                @Range(min = 0, max = 100_000_000)
                int dedupeWindow) {

    /** What a full buffer does. */
    public enum Overflow {
        BLOCK,
        DROP_OLDEST
    }

    /** When appends reach the disk. */
    public enum Fsync {
        EVERY_BATCH,
        NEVER
    }

    public BufferConfig {
        if (chunkBytes.bytes() < 1024 || chunkBytes.bytes() > 256L * 1024 * 1024) {
            throw new IllegalArgumentException("chunk_bytes: must be between 1KiB and 256MiB");
        }
        if (totalBytes.bytes() < chunkBytes.bytes()) {
            throw new IllegalArgumentException(
                    "total_bytes: must be at least chunk_bytes (" + chunkBytes + ")");
        }
        positive(maxAge, "max_age");
        if (lateWait.isNegative()) {
            throw new IllegalArgumentException("late_wait: must not be negative");
        }
    }

    private static void positive(Duration d, String key) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be a positive duration, e.g. 5s");
        }
    }

    /** Every default, buffering under {@code dir}. */
    public static BufferConfig defaults(Path dir) {
        return new BufferConfig(
                Optional.of(dir),
                DataSize.ofBytes(8L << 20),
                200_000,
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                DataSize.ofBytes(1L << 30),
                Overflow.BLOCK,
                Fsync.EVERY_BATCH,
                200_000);
    }

    public BufferConfig withLimits(
            long chunkBytes, int chunkRecords, long totalBytes, Overflow overflow) {
        return new BufferConfig(
                dir,
                DataSize.ofBytes(chunkBytes),
                chunkRecords,
                maxAge,
                lateWait,
                DataSize.ofBytes(totalBytes),
                overflow,
                fsync,
                dedupeWindow);
    }

    public BufferConfig withAge(Duration maxAge, Duration lateWait) {
        return new BufferConfig(
                dir,
                chunkBytes,
                chunkRecords,
                maxAge,
                lateWait,
                totalBytes,
                overflow,
                fsync,
                dedupeWindow);
    }
}
