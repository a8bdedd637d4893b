package dev.hakobu.aggregator.buffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a buffer folder back after a stop or a crash: every chunk file is read through; a torn tail
 * (appends that were never acknowledged) is cut at the last good batch; a corrupt file is moved to the
 * quarantine with its reason, counted and logged, and the others go on. Nothing here throws for bad
 * data, so a bad file cannot cause a crash loop. Runs once, before the buffer takes appends.
 */
final class ChunkRecovery {
    private static final Logger log = LoggerFactory.getLogger(ChunkRecovery.class);

    /** What recovery found: chunks ready for delivery (closed), and how many files were quarantined. */
    record Result(List<BufferChunk> chunks, int quarantined, int tornTails) {}

    private ChunkRecovery() {}

    static Result recover(String name, Path dir, SetAside quarantine, Clock clock)
            throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files =
                    s.filter(p -> p.getFileName().toString().endsWith(DiskBuffer.SUFFIX))
                            .sorted()
                            .toList();
        }
        List<BufferChunk> chunks = new ArrayList<>();
        int quarantined = 0;
        int torn = 0;
        for (Path file : files) {
            try {
                ChunkFormat.Scan scan = ChunkFormat.scan(file, Files.readAllBytes(file));
                if (scan.torn()) {
                    cut(file, scan.goodEnd());
                    torn++;
                    log.warn(
                            "{}: {} had a torn tail (a crash mid-append, never acknowledged); cut at byte {}",
                            name,
                            file.getFileName(),
                            scan.goodEnd());
                }
                BufferChunk chunk =
                        new BufferChunk(
                                scan.header(),
                                ChunkFile.reopen(file, scan.goodEnd()),
                                clock.millis());
                chunk.records = scan.records();
                RetryState.restore(file, chunk);
                for (ChunkFormat.Batch b : scan.batches()) {
                    if (b.sourceId() != null) {
                        chunk.keys.add(
                                DiskBuffer.dedupeKey(b.sourceId(), scan.header().partition()));
                    }
                }
                chunks.add(chunk);
            } catch (CorruptChunkException e) {
                quarantine.move(file, "corrupt: " + e.getMessage(), clock.instant());
                quarantined++;
                log.error(
                        "{}: quarantined {} into {}: {}",
                        name,
                        file.getFileName(),
                        quarantine.folder(),
                        e.getMessage());
            }
        }
        removeOrphanRetryStates(dir);
        return new Result(chunks, quarantined, torn);
    }

    /** Retry notes whose chunk is gone (a crash between delivering it and deleting the note). */
    private static void removeOrphanRetryStates(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p :
                    s.filter(
                                    p ->
                                            p.getFileName()
                                                    .toString()
                                                    .endsWith(
                                                            DiskBuffer.SUFFIX + RetryState.SUFFIX))
                            .toList()) {
                String name = p.getFileName().toString();
                if (!Files.exists(
                        p.resolveSibling(
                                name.substring(0, name.length() - RetryState.SUFFIX.length())))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void cut(Path file, long end) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(end);
            ch.force(true);
        }
    }
}
