package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One of two aggregators lost for good: an agent forwards to A and B; mid-stream A is SIGKILLed and never
 * comes back; the agent fails over and finishes on B. What A had acknowledged is on A's disk (an ack means
 * the chunk is in the buffer), so it is stranded there, not lost. The operator's recovery
 * (docs/operations.md, "An aggregator lost for good") is modelled as "the node's disk survives": a
 * replacement aggregator with A's node name is started on A's state and buffer folders and drains them.
 * Over the union of both outputs every line is there exactly once.
 *
 * <p>A keeps its chunks open for a minute, so everything it acknowledged is still in its buffer when it
 * dies (the stranded count is the whole of A's share, never luck). The writer pauses for the kill until
 * the agent holds no unacknowledged chunk: a chunk A had stored but not yet acknowledged would be resent
 * to B and also drained from A's disk, a duplicate that at-least-once allows and that FailoverIT bounds.
 * This test pins what the runbook promises: acknowledged data is delivered once, none lost.
 *
 * <p>Set {@code -Dhakobu.lost.lines} for a longer run (default 60,000).
 */
class LostAggregatorIT {
    private static final int BATCH = 1_000;

    /** A holds its chunks for a minute, longer than it lives; deliveries are retried fast as in every IT. */
    private static final String HOLDING_BUFFER =
            """
            buffer: {max_age: 1m, late_wait: 100ms, dir: "%s"}
            delivery: {retry_initial: 100ms, retry_max: 1s, drain_timeout: 2s}
            """;

    @TempDir Path work;

    @Test
    void linesStrandedOnALostAggregatorsDiskAreDeliveredOnceByAReplacementOnThatDisk()
            throws Exception {
        int batches = Integer.getInteger("hakobu.lost.lines", 60_000) / BATCH;
        int lines = batches * BATCH;
        Path aWork = work.resolve("a");
        try (Roles a = new Roles(aWork, null, aWork.resolve("aggregator-buffer"), HOLDING_BUFFER);
                Roles b = new Roles(work.resolve("b"))) {
            a.forwardToThisAnd(b);
            a.startAggregator();
            b.startAggregator();
            a.startAgent();
            Path aBuffer = a.buffer.resolve("local");
            try (LineWriter writer =
                    new LineWriter(
                            a.logs.resolve("api.log"),
                            OffsetDateTime.parse("2020-08-14T12:00:00+09:00"))) {
                for (int i = 0; i < batches; i++) {
                    writer.write(BATCH);
                    Thread.sleep(40); // pacing of the writer, not a wait for an outcome
                    if (i == batches / 3) {
                        awaitAllAcked(a, writer.written());
                        a.killAggregator(); // never restarted on its port
                    }
                }
            }
            long stranded = awaitSettled(aBuffer, lines);
            int missing = lines - OutputScan.of(work, ZoneId.of("Asia/Tokyo")).distinct();

            a.startReplacementAggregator();
            OutputScan scan = awaitDrained(aBuffer, lines);
            FaultReport.print(
                    "aggregator-lost-for-good",
                    lines,
                    scan.distinct(),
                    scan.duplicates(),
                    "stranded_on_dead_disk=" + stranded + " missing_before_drain=" + missing);

            assertThat(stranded)
                    .as("acked events on the dead node's disk when it was lost")
                    .isPositive();
            assertThat(missing)
                    .as("lines nowhere but on the dead node's disk before the drain")
                    .isEqualTo(stranded);
            assertThat(scan.distinct())
                    .as("lost = %d; %s", lines - scan.distinct(), b.logsTail())
                    .isEqualTo(lines);
            assertThat(scan.duplicates())
                    .as("duplicated over both outputs; " + SeqCounts.anomalies(work, lines, 10))
                    .isZero();
            assertThat(scan.leakedSecrets()).isZero();
            assertThat(scan.misplaced()).isZero();
            assertThat(BufferFiles.waiting(aBuffer))
                    .as("the dead node's buffer after the drain")
                    .isEmpty();
        }
    }

    /** The agent's own count of acknowledged lines reaches {@code written}: nothing is in flight. */
    private static void awaitAllAcked(Roles roles, int written) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest scrape =
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + roles.agentHttpPort + "/metrics"))
                        .build();
        Pattern acked =
                Pattern.compile("(?m)^hakobu_agent_events_total\\{state=\"acked\"} ([0-9.Ee+]+)$");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double n = 0;
        while (n < written && System.nanoTime() < deadline) {
            Thread.sleep(20);
            try {
                Matcher m =
                        acked.matcher(
                                http.send(scrape, HttpResponse.BodyHandlers.ofString()).body());
                n = m.find() ? Double.parseDouble(m.group(1)) : 0;
            } catch (java.net.ConnectException e) {
                n = 0; // the agent's HTTP endpoint is not up yet
            }
        }
        assertThat(n).as("lines the agent had acked before the kill").isEqualTo(written);
    }

    /** Waits until the outputs plus A's stranded events account for every line; returns the stranded events. */
    private long awaitSettled(Path aBuffer, int lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long stranded;
        do {
            Thread.sleep(250);
            stranded = BufferFiles.events(aBuffer);
        } while (OutputScan.of(work, ZoneId.of("Asia/Tokyo")).distinct() + stranded < lines
                && System.nanoTime() < deadline);
        return stranded;
    }

    private OutputScan awaitDrained(Path aBuffer, int lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        OutputScan scan;
        do {
            Thread.sleep(250);
            scan = OutputScan.of(work, ZoneId.of("Asia/Tokyo"));
        } while ((scan.distinct() < lines || !BufferFiles.waiting(aBuffer).isEmpty())
                && System.nanoTime() < deadline);
        return scan;
    }
}
