package dev.hakobu.aggregator.buffer;

import dev.hakobu.event.ChunkIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The chunks a buffer still appends to: one per (tag, partition), each a new file under a fresh id, and
 * the rule that says when one is old enough to close. Not thread-safe: {@link DiskBuffer} calls it under
 * its lock.
 */
final class OpenChunks {
    private final Path dir;
    private final Path deadLetters;
    private final BufferConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, BufferChunk> byTagAndPartition = new HashMap<>();

    OpenChunks(
            Path dir, Path deadLetters, BufferConfig config, Clock clock, RandomGenerator random) {
        this.dir = dir;
        this.deadLetters = deadLetters;
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    /** The open chunk of this tag and partition, or null. */
    BufferChunk get(String tag, String partition) {
        return byTagAndPartition.get(tag + '\n' + partition);
    }

    /** A new chunk file under an id no file in the buffer or its dead letters has. */
    BufferChunk create(String tag, String partition) throws IOException {
        ChunkHeader h;
        do { // ids are random; a clash (a seeded generator after a restart) must not reuse a file
            h = new ChunkHeader(ChunkIds.newId(random), tag, partition, clock.millis());
        } while (Files.exists(dir.resolve(h.id() + DiskBuffer.SUFFIX))
                || Files.exists(deadLetters.resolve(h.id() + DiskBuffer.SUFFIX)));
        BufferChunk c =
                new BufferChunk(
                        h,
                        ChunkFile.create(dir, h, config.fsync() == BufferConfig.Fsync.EVERY_BATCH),
                        clock.millis());
        byTagAndPartition.put(tag + '\n' + partition, c);
        return c;
    }

    void remove(BufferChunk c) {
        byTagAndPartition.remove(c.tag() + '\n' + c.partition());
    }

    /** Every open chunk, as a copy (callers close them while walking). */
    List<BufferChunk> all() {
        return new ArrayList<>(byTagAndPartition.values());
    }

    /** Those old enough to close at {@code now}: max_age, plus late_wait while events still come. */
    List<BufferChunk> due(long now) {
        long maxAge = config.maxAge().toMillis();
        long late = config.lateWait().toMillis();
        List<BufferChunk> due = new ArrayList<>();
        for (BufferChunk c : byTagAndPartition.values()) {
            long age = now - c.createdMillis();
            if (age >= maxAge && (now - c.lastAppendMillis >= late || age >= maxAge + late)) {
                due.add(c);
            }
        }
        return due;
    }

    int size() {
        return byTagAndPartition.size();
    }
}
