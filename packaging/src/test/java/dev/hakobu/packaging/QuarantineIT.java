package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.aggregator.buffer.ChunkReader;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks wait in the buffer while the output is down; no masked value is anywhere in the buffer's raw
 * files. One chunk is then damaged in the middle; on restart it is quarantined with a reason, and every
 * other chunk is delivered: exactly the damaged chunk's lines are missing, nothing is duplicated.
 */
class QuarantineIT {
    private static final int LINES = 30_000;

    @TempDir Path work;

    @Test
    void aCorruptChunkIsQuarantinedTheOthersAreDeliveredAndNoSecretEverReachesTheBuffer()
            throws Exception {
        String smallChunks =
                """
                buffer: {max_age: 300ms, late_wait: 100ms, chunk_records: 3000, dir: "%s"}
                delivery: {retry_initial: 100ms, retry_max: 1s, drain_timeout: 1s}
                """;
        try (Roles roles = new Roles(work, work.resolve("buffer"), smallChunks)) {
            Path local = roles.buffer.resolve("local");
            roles.blockOutput();
            roles.startAggregator();
            roles.startAgent();
            try (LineWriter writer =
                    new LineWriter(
                            roles.logs.resolve("api.log"),
                            OffsetDateTime.parse("2020-08-14T23:59:00+09:00"))) {
                while (writer.written() < LINES) {
                    writer.write(3_000);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (BufferFiles.events(local) < LINES && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(BufferFiles.events(local))
                    .as("every line buffered; " + roles.logsTail())
                    .isEqualTo(LINES);
            roles.stopAggregator();

            assertThat(BufferFiles.containing(roles.buffer, LineWriter.SECRET))
                    .as("buffer files holding a masked value")
                    .isEmpty();

            List<Path> chunks = BufferFiles.waiting(local);
            assertThat(chunks).hasSizeGreaterThan(2);
            Path victim = chunks.get(chunks.size() / 2);
            int lost = ChunkReader.read(victim).count();
            try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
                f.seek(f.length() / 2);
                int b = f.read();
                f.seek(f.length() / 2);
                f.write(b ^ 0xff);
            }
            roles.unblockOutput();
            roles.startAggregator();
            OutputScan scan = EndToEndIT.awaitAll(roles, LINES - lost);
            Thread.sleep(1_000); // let anything extra (a duplicate) show up before counting
            scan = OutputScan.of(roles.out, java.time.ZoneId.of("Asia/Tokyo"));

            assertThat(scan.distinct())
                    .as("all but the damaged chunk's lines; " + roles.logsTail())
                    .isEqualTo(LINES - lost);
            assertThat(scan.duplicates()).isZero();
            Path moved = local.resolve("quarantine").resolve(victim.getFileName());
            assertThat(moved).exists();
            assertThat(
                            Files.readString(
                                    local.resolve("quarantine")
                                            .resolve(victim.getFileName() + ".reason")))
                    .contains("corrupt");
            assertThat(BufferFiles.containing(roles.buffer, LineWriter.SECRET)).isEmpty();
        }
    }
}
