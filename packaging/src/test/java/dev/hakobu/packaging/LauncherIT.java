package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The distribution as an operator meets it: help, version, check-config, the agent's small classpath. */
class LauncherIT {
    @TempDir Path work;

    @ParameterizedTest(name = "hakobu {0} --help")
    @ValueSource(strings = {"agent", "aggregator", "check-config", "version", "demo", "athena-ddl"})
    void everySubcommandExplainsItself(String subcommand) throws Exception {
        Launcher.Result r = Launcher.run(work, subcommand, "--help");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: hakobu " + subcommand);
    }

    @Test
    void versionPrintsTheBuildVersion() throws Exception {
        Launcher.Result r = Launcher.run(work, "version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("hakobu 0.");
    }

    @Test
    void everyShippedExampleConfigIsValid() throws Exception {
        List<String> files;
        try (Stream<Path> s = Files.list(Launcher.dist().resolve("config"))) {
            files =
                    s.filter(p -> p.toString().endsWith(".yaml"))
                            .map(Path::toString)
                            .sorted()
                            .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        String[] command =
                Stream.concat(Stream.of("check-config"), files.stream()).toArray(String[]::new);
        Launcher.Result unset = Launcher.run(work, command);
        assertThat(unset.exit()).as("aggregator-s3.yaml's HMAC key has no default").isEqualTo(2);
        assertThat(unset.err()).contains("HAKOBU_MASK_KEY");
        Launcher.Result r =
                Launcher.run(
                        work,
                        Map.of("HAKOBU_MASK_KEY", "a-key-of-the-operators-own-0123"),
                        command);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("agent.yaml: ok (agent)")
                .contains("aggregator.yaml: ok (aggregator)");
    }

    /** Every {@code src-test-data/config/invalid/NAME.yaml}: check-config prints NAME.expected and exits 2. */
    @ParameterizedTest
    @ValueSource(strings = {"three-mistakes", "weak-secrets", "cross-references", "agent-paths"})
    void checkConfigReportsEveryMistakeWithLineAndColumnAndExitsTwo(String name) throws Exception {
        Files.copy(TestData.file("config/invalid/" + name + ".yaml"), work.resolve(name + ".yaml"));
        Launcher.Result r = Launcher.run(work, "check-config", name + ".yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines())
                .containsExactlyElementsOf(
                        Files.readAllLines(TestData.file("config/invalid/" + name + ".expected")));
    }

    @Test
    void helpListsTheCommandsAndHelpOfOneCommandPrintsItsUsage() throws Exception {
        Launcher.Result r = Launcher.run(work, "help");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Usage: hakobu")
                .contains("  agent ")
                .contains("  check-config ")
                .contains("  replay ");
        Launcher.Result agent = Launcher.run(work, "help", "agent");
        assertThat(agent.exit()).as(agent.err()).isZero();
        assertThat(agent.out()).contains("Usage: hakobu agent").contains("--once-timeout");
    }

    /** Exit code and the one line an operator reads, for mistakes on the command line or in what it names. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "agent --conf agent.yaml|2|hakobu agent: Unknown option: '--conf' (did you mean --config?);"
                        + " see 'hakobu agent --help'",
                "replay dead --to 127.0.0.1:24224 --timeout 300|2|hakobu replay: Invalid value for option"
                        + " '--timeout': '300' has no unit; write 300s for seconds or 300ms for milliseconds"
                        + " (units: ms, s, m, h, d); see 'hakobu replay --help'",
                "replay dead|2|hakobu replay: give --to HOST:PORT, or --config AGENT_YAML to use its servers",
                "athena-ddl --config aggregator.yaml --tag app.api --sample missing.json|2|hakobu athena-ddl:"
                        + " --sample: missing.json: no such file; give a file of JSON lines such as the records"
                        + " you ship",
                "demo --input dead --out taken|2|hakobu demo: --out: {work}/taken holds files the demo did not"
                        + " write, and the demo empties its folder first; pass another --out",
                "demo --input dead --out taken/notes.txt|2|hakobu demo: --out: {work}/taken/notes.txt is a file;"
                        + " give a folder",
                "nonsense|2|hakobu: Unknown command: 'nonsense'; see 'hakobu --help'"
            })
    void anOperatorsMistakeIsOneLineWithItsExitCode(String line) throws Exception {
        String[] parts = line.split("\\|");
        Files.createDirectories(work.resolve("dead"));
        Files.createDirectories(work.resolve("taken"));
        Files.writeString(work.resolve("taken/notes.txt"), "mine");
        Files.writeString(
                work.resolve("aggregator.yaml"),
                """
                state_dir: "%s"
                listen: {port: 0}
                outputs:
                  archive: {type: s3, bucket: hakobu-logs}
                routes:
                  - {match: "app.**", outputs: [archive]}
                """
                        .formatted(work.resolve("state")));
        Launcher.Result r = Launcher.run(work, parts[0].split(" "));
        assertThat(r.exit()).as(r.err()).isEqualTo(Integer.parseInt(parts[1]));
        assertThat(r.err().lines())
                .containsExactly(parts[2].replace("{work}", work.toRealPath().toString()));
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** --once-timeout bounds the whole run, stopping included, even with chunks no aggregator acks. */
    @Test
    void theAgentOnceHonoursItsTimeoutWhenNoAggregatorAnswers() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("{\"n\":").append(i).append("}\n");
        }
        Files.writeString(work.resolve("app.log"), lines);
        Files.writeString(
                work.resolve("agent.yaml"),
                """
                state_dir: "%s"
                sources: [{paths: ["%s"], tag: t, format: {type: json}}]
                forward: {host: 127.0.0.1, port: 1}
                """
                        .formatted(work.resolve("state"), work.resolve("app.log")));
        long start = System.nanoTime();
        Launcher.Result r =
                Launcher.run(
                        work, "agent", "--once", "--once-timeout", "3s", "--config", "agent.yaml");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        "agent --once: not every file was read and acknowledged within 3s"
                                + " (--once-timeout); run again to resume from the saved positions");
        // 3 s, 2 s of grace to stop, and room for the JVM on a busy machine; it took 25 s and more
        // before
        assertThat(seconds).as("seconds from start to exit").isLessThan(15);
    }

    /** The agent sets up logging in code (no logback XML: fewer classes, less RSS); the lines look as the XML's. */
    @Test
    void theAgentLogsInTheShippedFormatWithoutTheXmlAndHonoursHakobuLogbackConfig()
            throws Exception {
        Files.writeString(work.resolve("empty.log"), "");
        Files.writeString(
                work.resolve("agent.yaml"),
                """
                state_dir: "%s"
                sources: [{paths: ["%s"], tag: t, format: {type: json}}]
                forward: {host: 127.0.0.1, port: 1}
                """
                        .formatted(work.resolve("state"), work.resolve("empty.log")));
        String[] args = {"agent", "--once", "--once-timeout", "PT5S", "--config", "agent.yaml"};
        Process p = Launcher.builder(work, "builtin", args).directory(work.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(work.resolve("builtin.err")))
                .containsPattern(
                        "(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[hakobu-tail\\] d\\.h\\.a\\.t\\.TailedFiles - .*empty\\.log");

        Files.writeString(
                work.resolve("custom.xml"),
                """
                <configuration>
                  <appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
                    <encoder><pattern>CUSTOM %level %logger - %msg%n</pattern></encoder></appender>
                  <root level="INFO"><appender-ref ref="E"/></root>
                </configuration>
                """);
        ProcessBuilder custom = Launcher.builder(work, "custom", args).directory(work.toFile());
        custom.environment().put("HAKOBU_LOGBACK_CONFIG", work.resolve("custom.xml").toString());
        Process q = custom.start();
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(work.resolve("custom.err")))
                .contains("CUSTOM INFO dev.hakobu.agent.tail.TailedFiles - ");
    }

    @Test
    void theAgentClasspathHoldsNoOutputsNoAwsSdkAndNoParquet() throws Exception {
        String classpath = Files.readString(Launcher.dist().resolve("lib/agent.classpath"));
        assertThat(classpath)
                .contains("hakobu-api.jar")
                .contains("hakobu-forward.jar")
                .contains("netty")
                .doesNotContain("hakobu-outputs")
                .doesNotContain("hakobu-aggregator")
                .doesNotContain("/sdk-core.jar")
                .doesNotContain("/s3.jar")
                .doesNotContain("/kinesis.jar")
                .doesNotContain("parquet")
                .doesNotContain("hadoop");
    }

    @Test
    void theReadmesRunCommandWritesDatePartitionedFilesFromTheSampleLogs() throws Exception {
        Launcher.Result r =
                Launcher.run(
                        work,
                        "demo",
                        "--input",
                        TestData.file("sample").toString(),
                        "--out",
                        work.resolve("demo-out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("app.api/dt=2020-08-14/")
                .contains("app.api/dt=2020-08-15/")
                .contains("app.access/dt=2020-08-14/");
        assertThat(work.resolve("demo-out/app.api/dt=2020-08-16")).isDirectory();
    }
}
