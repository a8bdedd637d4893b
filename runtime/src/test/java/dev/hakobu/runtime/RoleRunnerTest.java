package dev.hakobu.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.Doc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle seam with instances that record what happens to them: a failed start is closed, and a
 * reload never runs two instances at once (a refused prepare leaves the old one untouched; a failed
 * start brings the previous config back).
 */
class RoleRunnerTest {
    @Doc("test role")
    record TestConfig(@Doc("what this instance does at each phase") String mode) {}

    @TempDir Path work;
    private final List<String> events = new ArrayList<>();
    private int running;
    private int mostAtOnce;

    private final class Recorded implements RoleRunner.Instance {
        final String mode;
        boolean started;
        boolean closed;

        Recorded(String mode) {
            this.mode = mode;
        }

        @Override
        public void start() throws StartFailure {
            events.add("start " + mode);
            if (mode.equals("port-in-use")) {
                throw new StartFailure(StartFailure.IO, "port in use", null);
            }
            started = true;
            running++;
            mostAtOnce = Math.max(mostAtOnce, running);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            events.add("close " + mode);
            if (started) {
                running--;
            }
        }
    }

    private RoleRunner.Instance prepare(TestConfig config) throws StartFailure {
        events.add("prepare " + config.mode());
        if (config.mode().equals("missing-tls")) {
            throw new StartFailure(StartFailure.CONFIG, "missing tls", null);
        }
        return new Recorded(config.mode());
    }

    @Test
    void aStartThatFailsIsClosedAndTheFailureRethrown() {
        assertThatThrownBy(() -> RoleRunner.start(this::prepare, new TestConfig("port-in-use")))
                .isInstanceOf(StartFailure.class)
                .hasMessage("port in use");
        assertThat(events)
                .containsExactly("prepare port-in-use", "start port-in-use", "close port-in-use");
    }

    @Test
    void aReloadWhosePrepareFailsLeavesTheRunningInstanceUntouched() throws Exception {
        RoleRunner<TestConfig> runner = runner("first");
        runner.startFirst();
        write("missing-tls");
        runner.reload();
        assertThat(events).containsExactly("prepare first", "start first", "prepare missing-tls");
        assertThat(running).isEqualTo(1);
    }

    @Test
    void aReloadWhoseStartFailsClosesItAndStartsThePreviousConfigAgain() throws Exception {
        RoleRunner<TestConfig> runner = runner("first");
        runner.startFirst();
        write("port-in-use");
        runner.reload();
        assertThat(events)
                .containsExactly(
                        "prepare first",
                        "start first",
                        "prepare port-in-use",
                        "close first",
                        "start port-in-use",
                        "close port-in-use",
                        "prepare first",
                        "start first");
        assertThat(running).isEqualTo(1);
        assertThat(mostAtOnce).isEqualTo(1);
    }

    @Test
    void aReloadThatStartsReplacesTheOldInstanceAfterClosingIt() throws Exception {
        RoleRunner<TestConfig> runner = runner("first");
        runner.startFirst();
        write("second");
        runner.reload();
        assertThat(events)
                .containsExactly(
                        "prepare first",
                        "start first",
                        "prepare second",
                        "close first",
                        "start second");
        assertThat(mostAtOnce).isEqualTo(1);
    }

    /**
     * A SIGHUP that arrives while the first instance is still starting (systemctl reload right after start)
     * must not meet the JVM's default handler, which shuts the process down: it is a reload once the start
     * is done. Sends a real SIGHUP to this JVM.
     */
    @Test
    void aHangupWhileTheRoleStartsIsAReloadOnceItRuns() throws Exception {
        Assumptions.assumeFalse(
                SignalDisposition.hangupIgnored(),
                "SIGHUP is ignored in this process (started under nohup?): the JVM then installs no"
                        + " handler for it, so a reload by signal cannot be tested here");
        CountDownLatch inStart = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        write("slow");
        RoleRunner<TestConfig> runner =
                new RoleRunner<>(
                        work.resolve("role.yaml"),
                        TestConfig.class,
                        config -> {
                            seen.add("prepare");
                            return new RoleRunner.Instance() {
                                @Override
                                public void start() throws InterruptedException {
                                    seen.add("start");
                                    if (inStart.getCount() > 0) {
                                        inStart.countDown();
                                        release.await();
                                    }
                                }

                                @Override
                                public void close() {
                                    seen.add("close");
                                }
                            };
                        });
        Thread main =
                new Thread(
                        () -> {
                            try {
                                runner.run();
                            } catch (Exception e) {
                                seen.add("run failed: " + e);
                            }
                        },
                        "role-runner-test");
        main.setDaemon(true);
        main.start();
        assertThat(inStart.await(10, TimeUnit.SECONDS)).isTrue();
        Process kill =
                new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
                        .start();
        assertThat(kill.waitFor()).isZero();
        Thread.sleep(300);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(seen).containsExactly("prepare", "start", "prepare", "close", "start");
        assertThat(main.isAlive()).isTrue();
    }

    private RoleRunner<TestConfig> runner(String mode) throws Exception {
        write(mode);
        return new RoleRunner<>(work.resolve("role.yaml"), TestConfig.class, this::prepare);
    }

    private void write(String mode) throws Exception {
        Files.writeString(work.resolve("role.yaml"), "mode: " + mode + "\n");
    }
}
