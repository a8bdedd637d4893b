package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL while lines stream: the agent three times and the aggregator once, at seeded random moments,
 * each restarted. The agent's chunk journal resends in-flight chunks under their original ids, the
 * aggregator's dedupe and the file output's id-derived names absorb the repeats: every line arrives
 * exactly once.
 */
class CrashRecoveryIT {
    private static final int BATCHES = 120;
    private static final int BATCH = 1_500;

    @TempDir Path work;

    @Test
    void killingAgentAndAggregatorMidStreamLosesAndDuplicatesNothing() throws Exception {
        SplittableRandom random = new SplittableRandom(20201122);
        try (Roles roles = new Roles(work);
                LineWriter writer =
                        new LineWriter(
                                roles.logs.resolve("api.log"),
                                OffsetDateTime.parse("2020-08-14T23:58:00+09:00"))) {
            roles.startAggregator();
            roles.startAgent();
            int[] agentKills = {
                20 + random.nextInt(15), 50 + random.nextInt(15), 95 + random.nextInt(15)
            };
            int aggregatorKill = 70 + random.nextInt(15);
            for (int b = 0; b < BATCHES; b++) {
                writer.write(BATCH);
                Thread.sleep(random.nextInt(20, 60));
                for (int k : agentKills) {
                    if (b == k) {
                        roles.killAgent();
                        roles.startAgent();
                    }
                }
                if (b == aggregatorKill) {
                    roles.killAggregator();
                    Thread.sleep(500); // the agent retries against a closed port meanwhile
                    roles.startAggregator();
                }
            }
            OutputScan scan = EndToEndIT.awaitAll(roles, BATCHES * BATCH);
            FaultReport.print(
                    "agent-3x-aggregator-1x-killed",
                    BATCHES * BATCH,
                    scan.distinct(),
                    scan.duplicates(),
                    "");

            assertThat(scan.duplicates()).as("duplicated lines; " + roles.logsTail()).isZero();
            assertThat(scan.distinct())
                    .as("distinct lines delivered (lost = written - this); " + roles.logsTail())
                    .isEqualTo(BATCHES * BATCH);
            assertThat(scan.leakedSecrets()).as("lines with an unmasked token").isZero();
            assertThat(scan.misplaced()).isZero();
        }
    }
}
