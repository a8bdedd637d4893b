package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 2, through the built launcher: a second agent on one {@code state_dir}, or a second
 * aggregator on one buffer directory, exits 2 with one line naming the directory and the holder's pid;
 * the first keeps running, and no line is stored twice.
 */
class DirectoryLockIT {
    @TempDir Path work;

    @Test
    void aSecondAgentOnTheSameStateDirExits2AndNoLineIsDoubled() throws Exception {
        try (Roles roles = new Roles(work);
                LineWriter writer =
                        new LineWriter(
                                roles.logs.resolve("api.log"),
                                OffsetDateTime.parse("2020-08-14T12:00:00+09:00"))) {
            roles.startAggregator();
            roles.startAgent();
            writer.write(5_000);
            awaitLockedBy(work.resolve("agent-state"), roles.agentPid());
            Path second = work.resolve("agent2.yaml");
            Files.writeString(
                    second,
                    Files.readString(work.resolve("agent.yaml"))
                            .replace(
                                    "port: " + roles.agentHttpPort + "}",
                                    "port: " + Roles.freePort() + "}"));

            Launcher.Result result = Launcher.run(work, "agent", "--config", second.toString());

            assertThat(result.exit()).as(result.err()).isEqualTo(2);
            assertThat(result.err())
                    .isEqualTo(
                            "hakobu: "
                                    + work.resolve("agent-state")
                                    + " is in use by another hakobu process (pid "
                                    + roles.agentPid()
                                    + "); each agent and aggregator needs its own state_dir\n");
            writer.write(5_000);
            OutputScan scan = EndToEndIT.awaitAll(roles, 10_000);
            assertThat(roles.bothAlive()).isTrue();
            assertThat(scan.duplicates()).as("duplicates; " + roles.logsTail()).isZero();
            assertThat(scan.distinct()).as("distinct; " + roles.logsTail()).isEqualTo(10_000);
        }
    }

    @Test
    void aSecondAggregatorOnTheSameBufferExits2AndTheFirstKeepsDelivering() throws Exception {
        try (Roles roles = new Roles(work);
                LineWriter writer =
                        new LineWriter(
                                roles.logs.resolve("api.log"),
                                OffsetDateTime.parse("2020-08-14T12:00:00+09:00"))) {
            roles.startAggregator();
            roles.startAgent();
            writer.write(5_000);
            Path second = work.resolve("aggregator2.yaml");
            Files.writeString(
                    second,
                    Files.readString(work.resolve("aggregator.yaml"))
                            .replace(
                                    work.resolve("aggregator-state").toString(),
                                    work.resolve("aggregator2-state").toString())
                            .replace("port: " + roles.port + "}", "port: " + Roles.freePort() + "}")
                            .replace(
                                    "port: " + roles.httpPort + "}",
                                    "port: " + Roles.freePort() + "}"));

            Launcher.Result result =
                    Launcher.run(work, "aggregator", "--config", second.toString());

            assertThat(result.exit()).as(result.err()).isEqualTo(2);
            assertThat(result.err())
                    .isEqualTo(
                            "hakobu: "
                                    + roles.buffer
                                    + " is in use by another hakobu process (pid "
                                    + roles.aggregatorPid()
                                    + "); each agent and aggregator needs its own buffer.dir\n");
            writer.write(5_000);
            OutputScan scan = EndToEndIT.awaitAll(roles, 10_000);
            assertThat(roles.bothAlive()).isTrue();
            assertThat(scan.duplicates()).as("duplicates; " + roles.logsTail()).isZero();
            assertThat(scan.distinct()).as("distinct; " + roles.logsTail()).isEqualTo(10_000);
        }
    }

    /** Until the process has started far enough to hold the directory's lock (its pid in .lock). */
    private static void awaitLockedBy(Path dir, long pid) throws Exception {
        Path lock = dir.resolve(".lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(lock) && Files.readString(lock).equals(pid + "\n"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pid " + pid + " did not lock " + dir + " within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
