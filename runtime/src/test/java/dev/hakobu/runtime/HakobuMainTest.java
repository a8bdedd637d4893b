package dev.hakobu.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The launcher's command line: help, one-line usage mistakes, durations, one-line failures. */
class HakobuMainTest {
    @Command(name = "role", mixinStandardHelpOptions = true, description = "A role for tests.")
    static final class RoleCommand implements Callable<Integer> {
        @Option(names = "--config", required = true)
        Path config;

        @Option(names = "--timeout", defaultValue = "10m")
        Duration timeout;

        @Option(names = "--fail")
        String fail;

        Duration seen;

        @Override
        public Integer call() throws Exception {
            seen = timeout;
            if ("operator".equals(fail)) {
                throw new CommandFailure("the folder x is not ours; pass another --out");
            }
            if ("file".equals(fail)) {
                java.nio.file.Files.readAllLines(config);
            }
            if ("bug".equals(fail)) {
                throw new IllegalStateException("a bug");
            }
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RoleCommand role = new RoleCommand();

    private int run(String... args) {
        CommandLine cl = HakobuMain.launcherFor(role);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheCommandsAndHelpOfACommandPrintsItsUsage() {
        assertThat(run("help")).isZero();
        assertThat(out.toString()).contains("Usage: hakobu").contains("help").contains("role");

        out.getBuffer().setLength(0);
        assertThat(run("help", "role")).isZero();
        assertThat(out.toString()).contains("Usage: hakobu role").contains("--config");
    }

    @Test
    void aMistypedOptionIsReportedAsUnknownWithTheClosestOneEvenThoughARequiredOneIsMissing() {
        assertThat(run("role", "--conf", "x")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "hakobu role: Unknown option: '--conf' (did you mean --config?); see 'hakobu role --help'"
                                + System.lineSeparator());
    }

    @Test
    void aMissingRequiredOptionIsOneLine() {
        assertThat(run("role")).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly(
                        "hakobu role: Missing required option: '--config=<config>'; see 'hakobu role --help'");
    }

    @Test
    void anUnknownCommandIsOneLineWithTheClosest() {
        assertThat(run("rol")).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly(
                        "hakobu: Unknown command: 'rol' (did you mean role?); see 'hakobu --help'");
        err.getBuffer().setLength(0);
        assertThat(run("nonsense")).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly("hakobu: Unknown command: 'nonsense'; see 'hakobu --help'");
    }

    @Test
    void durationsAreWrittenAsInTheYamlFilesOrInIso8601() {
        assertThat(run("role", "--config", "c", "--timeout", "90s")).isZero();
        assertThat(role.seen).isEqualTo(Duration.ofSeconds(90));
        assertThat(run("role", "--config", "c", "--timeout", "1h30m")).isZero();
        assertThat(role.seen).isEqualTo(Duration.ofMinutes(90));
        assertThat(run("role", "--config", "c", "--timeout", "PT15S")).isZero();
        assertThat(role.seen).isEqualTo(Duration.ofSeconds(15));
        assertThat(run("role", "--config", "c")).isZero();
        assertThat(role.seen).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aDurationWithoutUnitIsOneLineSayingWhichUnitsThereAre() {
        assertThat(run("role", "--config", "c", "--timeout", "300")).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly(
                        "hakobu role: Invalid value for option '--timeout': '300' has no unit; write 300s for"
                                + " seconds or 300ms for milliseconds (units: ms, s, m, h, d); see 'hakobu role --help'");
    }

    @Test
    void anOperatorsMistakeIsOneLineAndExitsTwo() {
        assertThat(run("role", "--config", "c", "--fail", "operator")).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly("hakobu role: the folder x is not ours; pass another --out");
    }

    @Test
    void aMissingFileIsOneLineAndExitsTwo() {
        assertThat(run("role", "--config", "/nonexistent/c.yaml", "--fail", "file")).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly("hakobu role: /nonexistent/c.yaml: no such file or directory");
    }

    @Test
    void aBugKeepsItsStackTraceAndExitsSeventy() {
        assertThat(run("role", "--config", "c", "--fail", "bug")).isEqualTo(70);
        assertThat(err.toString()).contains("IllegalStateException: a bug").contains("\tat ");
    }
}
