package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Running it" block, run as written by a user who is not root, in bash, in a fresh folder
 * laid out like a clone after the build ({@code packaging/target/hakobu/} and {@code src-test-data/}
 * copied in, nothing else). Run as root (as here and in CI), the block runs as {@code nobody}.
 *
 * <p>Two changes to the block, both for a test on a shared machine: free ports replace the defaults
 * (through the configs' {@code HAKOBU_LISTEN_PORT}, {@code HAKOBU_HTTP_PORT} and {@code
 * HAKOBU_AGGREGATOR_*PORT}), and the {@code sleep N;} a person waits before {@code zcat} becomes a wait
 * for the six stored lines (at most 120 s), so a loaded machine does not fail it.
 */
class ReadmeRunningItIT {
    private static final int NOBODY = 65534;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void theRunningItCommandsWorkAsWrittenForAnUnprivilegedUserInAFreshClone() throws Exception {
        Path repo = Path.of(System.getProperty("hakobu.root"));
        List<String> block = shellBlockAfter(repo.resolve("README.md"), "## Running it");
        assertThat(block).hasSize(5);
        assertThat(block.get(3)).startsWith("sleep ");

        Path clone = Files.createDirectories(tmp.resolve("clone"));
        Files.createDirectories(clone.resolve("packaging/target"));
        Files.createDirectories(clone.resolve("src-test-data"));
        ScratchRoot.run(tmp, "cp", "-R", Launcher.dist().toString(), clone + "/packaging/target/");
        ScratchRoot.run(tmp, "cp", "-R", repo + "/src-test-data/sample", clone + "/src-test-data/");
        List<String> script = new ArrayList<>(block);
        script.set(
                3,
                "for i in $(seq 600); do [ \"$(zcat hakobu-state/aggregator/out/app.api/dt=*/*.json.gz"
                        + " 2>/dev/null | wc -l)\" -ge 6 ] && break; sleep 0.2; done; "
                        + block.get(3).replaceFirst("^sleep \\d+; *", ""));
        Path scriptFile = tmp.resolve("running-it.sh");
        Files.writeString(scriptFile, String.join("\n", script) + "\n");

        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> command = new ArrayList<>();
        if (root) {
            ScratchRoot.run(tmp, "chmod", "-R", "a+rX", tmp.toString());
            ScratchRoot.run(tmp, "chown", "-R", NOBODY + ":" + NOBODY, clone.toString());
            command.addAll(
                    List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of("bash", scriptFile.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(clone.toFile())
                        .redirectOutput(tmp.resolve("out").toFile())
                        .redirectError(tmp.resolve("err").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("HAKOBU_"));
        env.put("HOME", clone.toString());
        env.put("HAKOBU_LISTEN_PORT", Integer.toString(freePort()));
        env.put("HAKOBU_AGGREGATOR_PORT", env.get("HAKOBU_LISTEN_PORT"));
        env.put("HAKOBU_AGGREGATOR_STANDBY_PORT", Integer.toString(freePort()));
        env.put("HAKOBU_HTTP_PORT", "0");

        Process bash = builder.start();
        Set<ProcessHandle> started = new HashSet<>();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
            while (bash.isAlive() && Instant.now().isBefore(deadline)) {
                bash.descendants().forEach(started::add);
                Thread.sleep(100);
            }
            assertThat(bash.isAlive()).as("the block ran to its end").isFalse();
            for (ProcessHandle p : started) {
                p.onExit().get(60, TimeUnit.SECONDS);
            }
        } finally {
            bash.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
        }
        String out = Files.readString(tmp.resolve("out"));
        String err = Files.readString(tmp.resolve("err"));
        assertThat(bash.exitValue()).as(out + err).isZero();

        List<String> lines = out.lines().toList();
        assertThat(lines.subList(0, 3))
                .containsExactly(
                        "packaging/target/hakobu/config/agent.yaml: ok (agent)",
                        "packaging/target/hakobu/config/aggregator-s3.yaml: ok (aggregator)",
                        "packaging/target/hakobu/config/aggregator.yaml: ok (aggregator)");
        assertThat(storedRecords(lines.subList(3, lines.size())))
                .as(out + err)
                .containsExactlyInAnyOrderElementsOf(expectedRecords(clone));

        try (Stream<Path> s = Files.walk(clone)) {
            List<Path> written =
                    s.filter(p -> !p.startsWith(clone.resolve("packaging")))
                            .filter(p -> !p.startsWith(clone.resolve("src-test-data")))
                            .filter(p -> !p.equals(clone))
                            .toList();
            assertThat(written)
                    .as("everything the processes wrote is under ./hakobu-state")
                    .isNotEmpty()
                    .allMatch(p -> p.startsWith(clone.resolve("hakobu-state")));
            assertThat(written)
                    .contains(
                            clone.resolve("hakobu-state/agent/positions.tsv"),
                            clone.resolve("hakobu-state/aggregator/buffer/local"),
                            clone.resolve("hakobu-state/aggregator/out/app.api"));
            if (root) {
                for (Path p : written) {
                    assertThat(Files.getAttribute(p, "unix:uid"))
                            .as(p.toString())
                            .isEqualTo(NOBODY);
                }
            }
        }
    }

    /** The lines of the first {@code ```sh} block after the heading. */
    static List<String> shellBlockAfter(Path markdown, String heading) throws IOException {
        List<String> all = Files.readAllLines(markdown);
        int i = all.indexOf(heading);
        assertThat(i).as(heading + " in " + markdown).isNotNegative();
        while (!all.get(i).equals("```sh")) {
            i++;
        }
        List<String> block = new ArrayList<>();
        for (i++; !all.get(i).equals("```"); i++) {
            block.add(all.get(i));
        }
        return block;
    }

    /** Each stored record without the event time the output adds ("time"). */
    private static List<Map<String, Object>> storedRecords(List<String> lines) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = JSON.readValue(line, LinkedHashMap.class);
            r.remove("time");
            records.add(r);
        }
        return records;
    }

    /** The sample's records as parsed; its last line is cut short and is kept as its text with the reason. */
    private static List<Map<String, Object>> expectedRecords(Path clone) throws IOException {
        List<String> sample = Files.readAllLines(clone.resolve("src-test-data/sample/api.log"));
        List<Map<String, Object>> expected = new ArrayList<>();
        for (String line : sample.subList(0, sample.size() - 1)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = JSON.readValue(line, LinkedHashMap.class);
            expected.add(r);
        }
        Map<String, Object> cut = new LinkedHashMap<>();
        cut.put("message", sample.get(sample.size() - 1));
        cut.put(
                "_parse_error",
                "invalid JSON: Unexpected end-of-input: expected close marker for Object");
        expected.add(cut);
        return expected;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
