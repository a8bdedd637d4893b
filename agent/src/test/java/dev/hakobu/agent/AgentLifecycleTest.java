package dev.hakobu.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.runtime.StartFailure;
import dev.hakobu.testing.HakobuThreads;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-phase start of the agent: a start that fails leaves no {@code hakobu-*} thread and no lock on
 * {@code state_dir}, and a second agent on a state_dir in use is refused.
 */
class AgentLifecycleTest {
    @TempDir Path work;
    private Set<Thread> before;

    @BeforeEach
    void threadsBefore() {
        before = HakobuThreads.snapshot();
    }

    @Test
    void anHttpPortInUseNamesThePortAndLeavesNoThreadAndNoLock() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> start("{enabled: true, bind: 127.0.0.1, port: " + port + "}"))
                    .isInstanceOfSatisfying(
                            StartFailure.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(74);
                                assertThat(e.getMessage())
                                        .startsWith("http: cannot listen on 127.0.0.1:" + port)
                                        .contains("change http (bind and port)");
                            });
        }
        HakobuThreads.assertNoneNewSince(before);
        start("{enabled: false}").close();
        HakobuThreads.assertNoneNewSince(before);
    }

    @Test
    void aSecondAgentOnTheSameStateDirIsRefusedNamingItAndThePid() throws Exception {
        try (Agent first = start("{enabled: false}")) {
            // the first agent's reader thread starts its directory watch itself: wait for it, or it
            // would count as the refused agent's
            HakobuThreads.await("hakobu-tail-watch");
            Set<Thread> running = HakobuThreads.snapshot();
            assertThatThrownBy(() -> start("{enabled: false}"))
                    .isInstanceOfSatisfying(
                            StartFailure.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(2);
                                assertThat(e.getMessage())
                                        .isEqualTo(
                                                work.resolve("state")
                                                        + " is in use by another hakobu process (pid "
                                                        + ProcessHandle.current().pid()
                                                        + ", this one); each agent and aggregator"
                                                        + " needs its own state_dir");
                            });
            before = running;
            HakobuThreads.assertNoneNewSince(before);
        }
    }

    @Test
    void aMissingTlsCaFailsBeforeTheStateDirIsTouched() throws Exception {
        Path ca = work.resolve("missing-ca.pem");
        String yaml =
                config(work.resolve("state"), "{enabled: false}")
                        .replace(
                                "forward: {host: 127.0.0.1, port: 1}",
                                "forward: {host: 127.0.0.1, port: 1, tls: {ca: \"" + ca + "\"}}");
        assertThatThrownBy(() -> startWith(yaml))
                .isInstanceOfSatisfying(
                        StartFailure.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(2);
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "cannot read the files of forward.tls: "
                                                    + ca
                                                    + " does not exist; fix the path or the file's"
                                                    + " permissions");
                        });
        assertThat(work.resolve("state")).doesNotExist();
        HakobuThreads.assertNoneNewSince(before);
    }

    @Test
    void aStateDirUnderARegularFileIsExitCode73() throws Exception {
        Path file = Files.writeString(work.resolve("plain"), "in the way");
        assertThatThrownBy(() -> start(file.resolve("state"), "{enabled: false}"))
                .isInstanceOfSatisfying(
                        StartFailure.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(73);
                            assertThat(e.getMessage())
                                    .startsWith(
                                            "cannot use " + file.resolve("state") + " (state_dir)")
                                    .contains(file + " is a file, not a directory");
                        });
        HakobuThreads.assertNoneNewSince(before);
    }

    private Agent start(String http) throws Exception {
        return start(work.resolve("state"), http);
    }

    private Agent start(Path state, String http) throws Exception {
        return startWith(config(state, http));
    }

    private Agent startWith(String yaml) throws Exception {
        return Agent.start(
                ConfigLoader.fromClasspath().load("agent.yaml", yaml, AgentConfig.class),
                Clock.systemUTC(),
                new SplittableRandom(18));
    }

    private String config(Path state, String http) {
        return """
                state_dir: "%s"
                sources:
                  - paths: ["%s/*.log"]
                    tag: app.api
                    format: {type: raw}
                forward: {host: 127.0.0.1, port: 1}
                http: %s
                """
                .formatted(state, work.resolve("logs"), http);
    }
}
