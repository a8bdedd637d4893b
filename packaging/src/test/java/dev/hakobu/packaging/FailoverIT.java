package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two aggregator processes and one agent that knows both: aggregator A is SIGKILLed mid-stream, the
 * agent finishes on B, A is restarted (its buffer recovered) and takes traffic again. Nothing may be
 * lost. Duplicates can occur: a chunk A stored but had not acked when it died is resent to B, and A's
 * recovered buffer delivers its copy too; dedupe is per node. They are bounded by the chunks in flight
 * (8 x ~1,400 lines here) and are reported, not hidden.
 */
class FailoverIT {
    private static final int BATCHES = 60;
    private static final int BATCH = 1_000;

    @TempDir Path work;

    @Test
    void anAggregatorLostMidStreamLosesNothingAndTakesTrafficAgainAfterItsRestart()
            throws Exception {
        try (Roles a = new Roles(work.resolve("a"));
                Roles b = new Roles(work.resolve("b"))) {
            a.forwardToThisAnd(b);
            a.startAggregator();
            b.startAggregator();
            a.startAgent();
            long restartedAt = 0;
            try (LineWriter writer =
                    new LineWriter(
                            a.logs.resolve("api.log"),
                            OffsetDateTime.parse("2020-08-14T12:00:00+09:00"))) {
                for (int i = 0; i < BATCHES; i++) {
                    writer.write(BATCH);
                    Thread.sleep(40);
                    if (i == 20) {
                        a.killAggregator();
                    }
                    if (i == 40) {
                        a.startAggregator();
                        restartedAt = System.currentTimeMillis();
                    }
                }
            }
            int lines = BATCHES * BATCH;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            OutputScan scan;
            do {
                Thread.sleep(250);
                scan = OutputScan.of(work, ZoneId.of("Asia/Tokyo"));
            } while (scan.distinct() < lines && System.nanoTime() < deadline);

            FaultReport.print("failover-restarted", lines, scan.distinct(), scan.duplicates(), "");
            assertThat(scan.distinct())
                    .as("lost = %d; %s", lines - scan.distinct(), a.logsTail())
                    .isEqualTo(lines);
            assertThat(scan.duplicates())
                    .as("duplicates, bounded by the chunks in flight when A died")
                    .isLessThanOrEqualTo(8 * 2_000);
            assertThat(scan.misplaced()).isZero();
            long after = restartedAt;
            try (Stream<Path> files = Files.walk(a.out)) {
                assertThat(
                                files.filter(p -> p.toString().endsWith(".json.gz"))
                                        .filter(p -> p.toFile().lastModified() >= after))
                        .as("A takes traffic again after its restart")
                        .isNotEmpty();
            }
        }
    }
}
