package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator's buffer on an 8 MiB tmpfs the test mounts, its output down: the buffer fills the
 * filesystem, appends fail with "no space", and the agent gets no ack for what was not stored, so it
 * holds on to it. The aggregator is then SIGKILLed while full (only what was acked was stored, so a
 * restart loses nothing), the output comes back, the buffer drains, space frees up, and every line
 * arrives exactly once.
 */
class FullDiskIT {
    private static final int LINES = 150_000;

    @TempDir Path work;

    @Test
    void aFullBufferDiskPushesSendersBackAndEveryLineArrivesOnceSpaceIsFree() throws Exception {
        Path fs = Files.createDirectories(work.resolve("small-fs"));
        Process mount =
                new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", fs.toString())
                        .redirectErrorStream(true)
                        .start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        assumeThat(mounted)
                .as(
                        "mounting a tmpfs needs root (CI runs as root): "
                                + new String(mount.getInputStream().readAllBytes()))
                .isTrue();
        try {
            run(fs.resolve("buffer"));
        } finally {
            new ProcessBuilder("umount", "-l", fs.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void run(Path buffer) throws Exception {
        try (Roles roles = new Roles(work, buffer, Roles.FAST_BUFFER)) {
            roles.blockOutput();
            roles.startAggregator();
            roles.startAgent();
            try (LineWriter writer =
                    new LineWriter(
                            roles.logs.resolve("api.log"),
                            OffsetDateTime.parse("2020-08-14T23:59:00+09:00"))) {
                while (writer.written() < LINES) {
                    writer.write(5_000);
                }
            }
            Path err = work.resolve("aggregator.err");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(err) && Files.readString(err).contains("No space left on device"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(err))
                    .as("the buffer filesystem filled up")
                    .contains("No space left on device");
            assertThat(readyStatus(roles.httpPort))
                    .as("/ready while the buffer cannot be written")
                    .isEqualTo(503);
            long buffered = BufferFiles.events(buffer.resolve("local"));
            assertThat(buffered)
                    .as("events held while full; the rest wait at the agent")
                    .isPositive()
                    .isLessThan(LINES);

            roles.killAggregator(); // whatever was acked is in the buffer; nothing else was acked
            roles.unblockOutput();
            roles.startAggregator();
            OutputScan scan = EndToEndIT.awaitAll(roles, LINES);
            FaultReport.print(
                    "full-buffer-disk",
                    LINES,
                    scan.distinct(),
                    scan.duplicates(),
                    "buffered_when_full=" + buffered);

            assertThat(scan.duplicates()).as("duplicated lines; " + roles.logsTail()).isZero();
            assertThat(scan.distinct())
                    .as("distinct lines delivered; " + roles.logsTail())
                    .isEqualTo(LINES);
            assertThat(scan.leakedSecrets()).isZero();
        }
    }

    private static int readyStatus(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
