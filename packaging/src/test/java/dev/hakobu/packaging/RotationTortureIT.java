package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation torture through the launcher: a writer appends without pause while the log is rotated every
 * 100 ms, alternating rename-and-create and copytruncate, and the agent is SIGKILLed and restarted five
 * times at seeded random moments. The agent's glob matches the rotated files too ({@code api.log*}), so it
 * can read a renamed file on after a restart and recognise a copytruncate copy. Downstream every line is
 * present exactly once. Copytruncate here has no write between the copy and the truncation (the writer
 * does both), so no line is lost by copytruncate's own nature and every line must arrive.
 *
 * <p>Runs in every build with 10 s of writing; {@code -Dhakobu.torture=true} writes for 20 s. The kill
 * moments come from {@code -Dhakobu.torture.seed} (printed with the counts). The agent's log of the last
 * run is kept in {@code packaging/target/rotation-torture-agent.log}.
 */
class RotationTortureIT {
    private static final long SEED = Long.getLong("hakobu.torture.seed", 4_2020_0814L);
    private static final long RUN_NANOS =
            Boolean.getBoolean("hakobu.torture") ? 20_000_000_000L : 10_000_000_000L;
    private static final int BATCH = 100;

    @TempDir Path work;

    @Test
    void rotatingEvery100msAndKillingTheAgentFiveTimesLosesAndDuplicatesNothing() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        try (Roles roles = new Roles(work);
                RotatingLog log =
                        new RotatingLog(
                                roles.logs.resolve("api.log"),
                                OffsetDateTime.parse("2020-08-14T23:59:30+09:00"))) {
            Files.writeString(
                    work.resolve("agent.yaml"),
                    Files.readString(work.resolve("agent.yaml"))
                            .replace(
                                    "/*.log\"]",
                                    "/api.log*\"]\n    rotate_wait: 2s\n    rescan_interval: 500ms"));
            roles.startAggregator();
            roles.startAgent();
            long[] kills =
                    random.longs(5, 1_000_000_000L, RUN_NANOS - 1_000_000_000L).sorted().toArray();
            long begin = System.nanoTime();
            long nextRotation = begin + 100_000_000L;
            int k = 0;
            boolean rename = true;
            long now;
            while ((now = System.nanoTime()) - begin < RUN_NANOS) {
                log.write(BATCH);
                Thread.sleep(
                        5); // ~20,000 lines/s, a busy application; the agent must keep up through
                // kills and rotations
                if (now - nextRotation >= 0) {
                    if (rename) {
                        log.renameAndCreate(BATCH);
                    } else {
                        log.copyTruncate();
                    }
                    rename = !rename;
                    nextRotation += 100_000_000L;
                }
                if (k < kills.length && now - begin >= kills[k]) {
                    log.note("kill");
                    roles.killAgent();
                    roles.startAgent();
                    k++;
                }
            }
            int written = log.written();
            OutputScan scan = EndToEndIT.awaitAll(roles, written);
            System.out.printf(
                    "rotation torture: seed %d, written %d, rotations %d, kills at %s ms: lost %d, duplicated %d%n",
                    SEED,
                    written,
                    log.rotations(),
                    Arrays.toString(Arrays.stream(kills).map(n -> n / 1_000_000).toArray()),
                    written - scan.distinct(),
                    scan.duplicates());
            Files.copy(
                    work.resolve("agent.err"),
                    Path.of("target/rotation-torture-agent.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (scan.duplicates() != 0 || scan.distinct() != written) {
                System.out.println(
                        "seq runs not seen exactly once: "
                                + SeqCounts.anomalies(roles.out, written, 40));
                System.out.println("rotations (seq at rotation, kind): " + log.history());
            }
            assertThat(scan.duplicates()).as("duplicated lines; " + roles.logsTail()).isZero();
            assertThat(written - scan.distinct()).as("lost lines; " + roles.logsTail()).isZero();
            assertThat(scan.misplaced()).isZero();
        }
    }
}
