package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both roles as real processes through the built launcher: an agent tails a file while 100,000 lines
 * are appended; the aggregator writes dt= partitioned gzip files. Every line must arrive exactly once,
 * in the dt= folder of its event date in Asia/Tokyo (the lines straddle midnight there).
 */
class EndToEndIT {
    private static final int LINES = 100_000;

    @TempDir Path work;

    @Test
    void everyAppendedLineArrivesExactlyOnceInItsTokyoDatePartition() throws Exception {
        try (Roles roles = new Roles(work)) {
            roles.startAggregator();
            roles.startAgent();
            // 23:59:00 JST plus one millisecond per line: the first 60,000 lines are on the 14th,
            // the rest on the 15th
            try (LineWriter writer =
                    new LineWriter(
                            roles.logs.resolve("api.log"),
                            OffsetDateTime.parse("2020-08-14T23:59:00+09:00"))) {
                while (writer.written() < LINES) {
                    writer.write(5_000);
                }
            }
            OutputScan scan = awaitAll(roles, LINES);

            assertThat(scan.duplicates()).as("duplicated lines").isZero();
            assertThat(scan.leakedSecrets()).as("lines with an unmasked token").isZero();
            assertThat(scan.misplaced()).as("lines in the wrong dt= folder").isZero();
            assertThat(scan.distinct())
                    .as("distinct lines delivered; " + roles.logsTail())
                    .isEqualTo(LINES);
            assertThat(roles.out.resolve("app.api/dt=2020-08-14")).isDirectory();
            assertThat(roles.out.resolve("app.api/dt=2020-08-15")).isDirectory();
        }
    }

    /** Polls the output until {@code lines} distinct lines are there or two minutes pass. */
    static OutputScan awaitAll(Roles roles, int lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        OutputScan scan;
        do {
            Thread.sleep(250);
            scan = OutputScan.of(roles.out, ZoneId.of("Asia/Tokyo"));
        } while (scan.distinct() < lines && System.nanoTime() < deadline);
        return scan;
    }
}
