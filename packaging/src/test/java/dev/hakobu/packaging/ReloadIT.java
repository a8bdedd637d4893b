package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP under load: a route added to the aggregator's config takes effect with nothing lost or
 * duplicated; then a broken config is refused (its errors logged) and the running one keeps serving;
 * then a valid config whose TLS files are missing is refused before anything is closed; then a valid
 * config whose port is taken fails to start, and the previous config runs again. Every line is stored
 * once.
 */
class ReloadIT {
    @TempDir Path work;

    @Test
    void aReloadUnderLoadLosesNothingAndABrokenConfigIsRefused() throws Exception {
        // under nohup SIGHUP is ignored, the aggregator inherits that and its JVM installs no
        // handler
        Assumptions.assumeFalse(
                Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(line -> line.startsWith("SigIgn:"))
                        .anyMatch(
                                line ->
                                        new java.math.BigInteger(line.substring(7).trim(), 16)
                                                .testBit(0)),
                "SIGHUP is ignored in this process (started under nohup?): no reload by signal here");
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
            String listen = "listen: {bind: 127.0.0.1, port: " + roles.port + "}";
            Files.writeString(
                    config,
                    original.replace(
                            listen,
                            "listen: {bind: 127.0.0.1, port: "
                                    + roles.port
                                    + ", tls: {cert: missing-cert.pem, key: missing-key.pem}}"));
            roles.signalAggregator("HUP");
            awaitLog(work.resolve("aggregator.err"), "missing-cert.pem");
            for (int i = 0; i < 10; i++) {
                writer.write(2_000);
                Thread.sleep(30);
            }
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                Files.writeString(
                        config,
                        original.replace(
                                listen,
                                "listen: {bind: 127.0.0.1, port: " + taken.getLocalPort() + "}"));
                roles.signalAggregator("HUP");
                awaitLog(work.resolve("aggregator.err"), "running the previous config of");
            }
            for (int i = 0; i < 10; i++) {
                writer.write(2_000);
                Thread.sleep(30);
            }
            OutputScan scan = EndToEndIT.awaitAll(roles, 100_000);
            assertThat(roles.bothAlive()).isTrue();
            assertThat(scan.duplicates()).as("duplicates; " + roles.logsTail()).isZero();
            assertThat(scan.distinct()).as("distinct; " + roles.logsTail()).isEqualTo(100_000);
            String log = Files.readString(work.resolve("aggregator.err"));
            assertThat(log.split("reload refused", -1)).as(log).hasSize(3);
            assertThat(log.split("reloading ", -1)).as(log).hasSize(3);
            assertThat(log).contains("the new config did not start (forward: cannot listen on");
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
