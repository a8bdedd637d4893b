package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the aggregator at ten seeded random moments while an agent streams lines into it, restarting
 * it each time. Buffered chunks are recovered (torn tails cut), resent forward chunks are skipped by the
 * buffers that hold them, and chunks delivered twice overwrite their own files: every line arrives once.
 * The count is scaled for CI with {@code -Dhakobu.crash.lines} (default 300,000).
 */
class AggregatorCrashIT {
    /** Kill only once the restarted aggregator is taking data again: a chunk file is in its buffer. */
    private static void awaitBufferedChunk(Roles roles) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (BufferFiles.waiting(roles.buffer.resolve("local")).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static final int BATCH = 1_500;
    private static final int KILLS = 10;

    @TempDir Path work;

    @Test
    void killingTheAggregatorTenTimesMidStreamLosesAndDuplicatesNothing() throws Exception {
        int batches = Integer.getInteger("hakobu.crash.lines", 300_000) / BATCH;
        SplittableRandom random = new SplittableRandom(20261122);
        TreeSet<Integer> kills = new TreeSet<>();
        while (kills.size() < KILLS) {
            kills.add(random.nextInt(5, batches - 5));
        }
        try (Roles roles = new Roles(work);
                LineWriter writer =
                        new LineWriter(
                                roles.logs.resolve("api.log"),
                                OffsetDateTime.parse("2020-08-14T23:58:00+09:00"))) {
            roles.startAggregator();
            roles.startAgent();
            for (int b = 0; b < batches; b++) {
                writer.write(BATCH);
                Thread.sleep(
                        random.nextInt(10, 40)); // pacing of the writer, not a wait for an outcome
                if (kills.contains(b)) {
                    awaitBufferedChunk(roles);
                    Thread.sleep(
                            random.nextInt(
                                    0, 150)); // a random moment while chunks are being appended
                    roles.killAggregator();
                    roles.startAggregator();
                }
            }
            OutputScan scan = EndToEndIT.awaitAll(roles, batches * BATCH);
            FaultReport.print(
                    "aggregator-killed-10x",
                    batches * BATCH,
                    scan.distinct(),
                    scan.duplicates(),
                    "");
            assertThat(Files.readString(work.resolve("aggregator.err")))
                    .as("restarts that found chunks to recover")
                    .containsPattern("recovered [1-9]");

            assertThat(scan.duplicates()).as("duplicated lines; " + roles.logsTail()).isZero();
            assertThat(scan.distinct())
                    .as("distinct lines delivered (lost = written - this); " + roles.logsTail())
                    .isEqualTo(batches * BATCH);
            assertThat(scan.leakedSecrets()).as("lines with an unmasked token").isZero();
            assertThat(scan.misplaced()).isZero();
        }
    }
}
