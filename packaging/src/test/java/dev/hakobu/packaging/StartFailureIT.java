package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 4 (start path), through the built launcher: what an operator can get wrong at start is
 * one line on stderr naming the port or directory, with the documented exit code, and no stack trace.
 */
class StartFailureIT {
    @TempDir Path work;

    @Test
    void aForwardPortInUseIsExit74AndOneLineNamingThePort() throws Exception {
        try (Roles roles = new Roles(work);
                ServerSocket taken =
                        new ServerSocket(roles.port, 1, InetAddress.getByName("127.0.0.1"))) {
            Launcher.Result result = aggregator(work.resolve("aggregator.yaml"));

            assertThat(result.exit()).as(result.err()).isEqualTo(74);
            assertOneLine(result.err(), "127.0.0.1:" + roles.port, "change listen (bind and port)");
        }
    }

    @Test
    void anHttpPortInUseIsExit74AndOneLineNamingThePort() throws Exception {
        try (Roles roles = new Roles(work);
                ServerSocket taken =
                        new ServerSocket(roles.httpPort, 1, InetAddress.getByName("127.0.0.1"))) {
            Launcher.Result result = aggregator(work.resolve("aggregator.yaml"));

            assertThat(result.exit()).as(result.err()).isEqualTo(74);
            assertOneLine(
                    result.err(), "127.0.0.1:" + roles.httpPort, "change http (bind and port)");
        }
    }

    @Test
    void theAgentsHttpPortInUseIsExit74AndOneLineNamingThePort() throws Exception {
        try (Roles roles = new Roles(work);
                ServerSocket taken =
                        new ServerSocket(
                                roles.agentHttpPort, 1, InetAddress.getByName("127.0.0.1"))) {
            Launcher.Result result =
                    Launcher.run(work, "agent", "--config", work.resolve("agent.yaml").toString());

            assertThat(result.exit()).as(result.err()).isEqualTo(74);
            assertOneLine(
                    result.err(),
                    "127.0.0.1:" + roles.agentHttpPort,
                    "change http (bind and port)");
        }
    }

    @Test
    void aBufferDirUnderARegularFileIsExit73AndOneLineNamingIt() throws Exception {
        Path file = Files.writeString(work.resolve("plain"), "in the way");
        try (Roles roles = new Roles(work, file.resolve("buffer"), Roles.FAST_BUFFER)) {
            Launcher.Result result = aggregator(work.resolve("aggregator.yaml"));

            assertThat(result.exit()).as(result.err()).isEqualTo(73);
            assertOneLine(
                    result.err(),
                    "cannot use " + file.resolve("buffer") + " (buffer.dir)",
                    file + " is a file, not a directory");
        }
    }

    private Launcher.Result aggregator(Path config) throws Exception {
        return Launcher.run(work, "aggregator", "--config", config.toString());
    }

    private static void assertOneLine(String err, String... parts) {
        assertThat(err.lines().filter(l -> !l.isBlank())).as(err).hasSize(1);
        assertThat(err).as(err).startsWith("hakobu: ").contains(parts);
        assertThat(err).doesNotContain("Exception").doesNotContain("at dev.hakobu");
    }
}
