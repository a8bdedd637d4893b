package dev.hakobu.aggregator.buffer;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Partitioner;
import dev.hakobu.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;

/** A buffer in a temporary folder with a fake clock and day partitions, and helpers to fill and empty it. */
abstract class BufferFixture {
    static final long DAY1 = Instant.parse("2020-08-14T10:00:00Z").getEpochSecond();
    static final long DAY2 = Instant.parse("2020-08-15T10:00:00Z").getEpochSecond();

    /** Partitions by UTC date, like a dt= key. */
    static final Partitioner BY_DAY =
            new Partitioner() {
                @Override
                public String key(String tag, long second) {
                    return tag + "/" + Math.floorDiv(second, 86_400);
                }

                @Override
                public long timeBucket(long second) {
                    return Math.floorDiv(second, 86_400);
                }
            };

    @TempDir Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));

    DiskBuffer open(BufferConfig config) throws Exception {
        return DiskBuffer.open(
                "out",
                dir.resolve("buf"),
                dir.resolve("ids"),
                config,
                BY_DAY,
                clock,
                new SplittableRandom(7));
    }

    static BufferConfig config() {
        return BufferConfig.defaults(Path.of("unused"))
                .withAge(Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    static void append(DiskBuffer b, String source, long second, String... texts) throws Exception {
        EntryWriter w = Entries.of(second, texts);
        b.append(source, "app.api", w.array(), 0, w.size());
    }

    static List<BufferChunk> drain(DiskBuffer b) {
        List<BufferChunk> out = new ArrayList<>();
        for (Optional<BufferChunk> c = b.poll(); c.isPresent(); c = b.poll()) {
            out.add(c.get());
        }
        return out;
    }
}
