package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
            int batches = 0;
            try (LineWriter writer =
                    new LineWriter(
                            a.logs.resolve("api.log"),
                            OffsetDateTime.parse("2020-08-14T12:00:00+09:00"))) {
                for (; batches < BATCHES; batches++) {
                    writer.write(BATCH);
                    Thread.sleep(40);
                    if (batches == 20) {
                        a.killAggregator();
                    }
                    if (batches == 40) {
                        a.startAggregator();
                        restartedAt = System.currentTimeMillis();
                    }
                }
                // A restarted JVM on a loaded machine, and the agent's backoff, can take longer
                // than the
                // writes above: go on writing until A has stored something again, so "takes traffic
                // again" is
                // about the agent, not about how fast the machine is
                long writeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!wroteSince(a.out, restartedAt) && System.nanoTime() < writeDeadline) {
                    writer.write(BATCH);
                    batches++;
                    Thread.sleep(200);
                }
            }
            int lines = batches * BATCH;
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
            assertThat(wroteSince(a.out, restartedAt))
                    .as("A takes traffic again after its restart; %s", a.logsTail())
                    .isTrue();
        }
    }

    /** Whether a .json.gz object under {@code out} was written at or after {@code since} (epoch ms). */
    private static boolean wroteSince(Path out, long since) throws IOException {
        if (!Files.isDirectory(out)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.toString().endsWith(".json.gz"))
                    .anyMatch(p -> p.toFile().lastModified() >= since);
        } catch (UncheckedIOException e) {
            return false; // a temporary file renamed away under the walk: look again later
        }
    }
}
