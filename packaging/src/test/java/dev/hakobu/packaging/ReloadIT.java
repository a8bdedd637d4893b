package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP under load: a route added to the aggregator's config takes effect with nothing lost or
 * duplicated; then a broken config is refused (its errors logged) and the running one keeps serving.
 */
class ReloadIT {
    @TempDir Path work;

    @Test
    void aReloadUnderLoadLosesNothingAndABrokenConfigIsRefused() throws Exception {
        try (Roles roles = new Roles(work);
                LineWriter writer =
                        new LineWriter(
                                roles.logs.resolve("api.log"),
                                OffsetDateTime.parse("2020-08-14T12:00:00+09:00"))) {
            roles.startAggregator();
            roles.startAgent();
            for (int i = 0; i < 10; i++) {
                writer.write(2_000);
                Thread.sleep(30);
            }
            Path config = work.resolve("aggregator.yaml");
            String original = Files.readString(config);
            Files.writeString(
                    config,
                    original.replace(
                            "routes:\n", "routes:\n  - {match: \"web.**\", outputs: [local]}\n"));
            roles.signalAggregator("HUP");
            for (int i = 0; i < 10; i++) {
                writer.write(2_000);
                Thread.sleep(30);
            }
            awaitLog(work.resolve("aggregator.err"), "reloaded ");

            Files.writeString(
                    config,
                    original.replace(
                            "routes:\n", "routes:\n  - {match: \"web.**\", outputs: [nowhere]}\n"));
            roles.signalAggregator("HUP");
            awaitLog(work.resolve("aggregator.err"), "reload refused");
            for (int i = 0; i < 10; i++) {
                writer.write(2_000);
                Thread.sleep(30);
            }
            OutputScan scan = EndToEndIT.awaitAll(roles, 60_000);
            assertThat(scan.duplicates()).as("duplicates; " + roles.logsTail()).isZero();
            assertThat(scan.distinct()).as("distinct; " + roles.logsTail()).isEqualTo(60_000);
            assertThat(Files.readString(work.resolve("aggregator.err")))
                    .contains("names output 'nowhere'");
        }
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in " + log + ":\n" + Files.readString(log));
    }
}
