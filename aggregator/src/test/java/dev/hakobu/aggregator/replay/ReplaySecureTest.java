package dev.hakobu.aggregator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.aggregator.Aggregator;
import dev.hakobu.aggregator.AggregatorConfig;
import dev.hakobu.aggregator.buffer.BufferConfig;
import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.aggregator.delivery.OutputWorker;
import dev.hakobu.aggregator.delivery.RetrySchedule;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.TestCerts;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Output;
import dev.hakobu.output.Partitioner;
import dev.hakobu.output.WriteResult;
import dev.hakobu.runtime.HakobuMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Replay into an aggregator that demands the shared-key handshake and TLS: every record lands once. */
class ReplaySecureTest {
    private static final String KEY = "replay-test-shared-key-0123456789";
    private static final int CHUNKS = 5;
    private static final int PER_CHUNK = 100;
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");

    @TempDir Path work;
    private static TestCerts certs;

    /** Once for the class: keytool takes seconds per certificate. */
    @BeforeAll
    static void certificates(@TempDir Path dir) throws Exception {
        certs = TestCerts.create(dir);
    }

    @Test
    void anAgentFilesForwardSectionGivesReplayTheKeyAndTheTrustedCa() throws Exception {
        Path dead = deadLetters();
        try (Aggregator aggregator = secureAggregator()) {
            Path agentYaml = work.resolve("agent.yaml");
            Files.writeString(
                    agentYaml,
                    """
                    state_dir: /var/lib/hakobu/agent-that-replay-does-not-use
                    sources: [{paths: [/var/log/x.log], tag: x, format: {type: json}}]
                    forward:
                      host: localhost
                      port: %d
                      security: {self_hostname: agent-1, shared_key: "%s"}
                      tls: {ca: "%s"}
                    """
                            .formatted(aggregator.address().getPort(), KEY, certs.path("ca.pem")));

            // without the handshake and TLS the aggregator takes nothing: replay times out, keeps
            // the chunks
            String plain = "127.0.0.1:" + aggregator.address().getPort();
            assertThat(HakobuMain.run("replay", dead.toString(), "--to", plain, "--timeout", "2s"))
                    .isEqualTo(1);
            assertThat(chunkFiles(dead)).hasSize(CHUNKS);

            assertThat(HakobuMain.run("replay", dead.toString(), "--config", agentYaml.toString()))
                    .isEqualTo(0);
            assertThat(chunkFiles(dead)).isEmpty();
            assertEveryRecordOnce();
        }
    }

    @Test
    void optionsGiveTheSameSettingsWithTheKeyReadFromTheEnvironment() throws Exception {
        Path dead = deadLetters();
        try (Aggregator aggregator = secureAggregator()) {
            StringWriter err = new StringWriter();
            CommandLine replay =
                    HakobuMain.launcherFor(new ReplayCommand(Map.of("REPLAY_KEY", KEY)));
            replay.setErr(new PrintWriter(err, true));
            int exit =
                    replay.execute(
                            "replay",
                            dead.toString(),
                            "--to",
                            "localhost:" + aggregator.address().getPort(),
                            "--self-hostname",
                            "replay-1",
                            "--shared-key-env",
                            "REPLAY_KEY",
                            "--tls-ca",
                            certs.path("ca.pem").toString(),
                            "--timeout",
                            "1m");
            assertThat(exit).as(err.toString()).isZero();
            assertThat(chunkFiles(dead)).isEmpty();
            assertEveryRecordOnce();
        }
    }

    @Test
    void aKeyVariableThatIsNotSetIsOneLineAndExitsTwo() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine replay = HakobuMain.launcherFor(new ReplayCommand(Map.of()));
        replay.setErr(new PrintWriter(err, true));
        int exit =
                replay.execute(
                        "replay",
                        work.toString(),
                        "--to",
                        "localhost:24224",
                        "--self-hostname",
                        "replay-1",
                        "--shared-key-env",
                        "NOT_SET_ANYWHERE");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly(
                        "hakobu replay: --shared-key-env: the environment variable NOT_SET_ANYWHERE is not"
                                + " set or empty");
    }

    private Aggregator secureAggregator() throws Exception {
        Path yaml = work.resolve("aggregator.yaml");
        Files.writeString(
                yaml,
                """
                node: n1
                state_dir: "%s"
                listen:
                  bind: 127.0.0.1
                  port: 0
                  security: {self_hostname: agg-1, shared_key: "%s"}
                  tls: {cert: "%s", key: "%s"}
                http: {enabled: false}
                buffer: {max_age: 100ms, late_wait: 0s}
                outputs:
                  local: {type: file, root: "%s", compression: none}
                routes:
                  - match: "app.**"
                    outputs: [local]
                """
                        .formatted(
                                work.resolve("state"),
                                KEY,
                                certs.path("server.pem"),
                                certs.path("server.key"),
                                work.resolve("out")));
        return Aggregator.start(
                ConfigLoader.fromClasspath().load(yaml, AggregatorConfig.class),
                Clock.systemUTC(),
                new SplittableRandom(2));
    }

    /** {@link #CHUNKS} dead-lettered chunks of {@link #PER_CHUNK} records each, {@code n} = 0, 1, 2, ... */
    private Path deadLetters() throws Exception {
        try (DiskBuffer b =
                DiskBuffer.open(
                        "old",
                        work.resolve("old"),
                        work.resolve("old-ids"),
                        BufferConfig.defaults(work),
                        Partitioner.BY_TAG,
                        Clock.systemUTC(),
                        new SplittableRandom(9))) {
            for (int c = 0; c < CHUNKS; c++) {
                EntryWriter w = new EntryWriter(64);
                for (int i = 0; i < PER_CHUNK; i++) {
                    int n = c * PER_CHUNK + i;
                    w.add(
                            1_597_371_754_000_000_000L,
                            new byte[] {
                                (byte) 0x81,
                                (byte) 0xa1,
                                'n',
                                (byte) 0xcd,
                                (byte) (n >> 8),
                                (byte) n
                            },
                            0,
                            6);
                }
                b.append("source-chunk-" + c, "app.api", w.array(), 0, w.size());
                b.closeOpenChunks();
            }
            OutputWorker worker =
                    new OutputWorker(
                            "old",
                            b,
                            new Output() {
                                @Override
                                public WriteResult write(Chunk chunk) {
                                    return new WriteResult.Rejected("schema mismatch");
                                }

                                @Override
                                public DeliveryGuarantee deliveryGuarantee() {
                                    return DeliveryGuarantee.AT_LEAST_ONCE;
                                }

                                @Override
                                public void close() {}
                            },
                            new RetrySchedule(
                                    Duration.ofSeconds(1),
                                    Duration.ofSeconds(1),
                                    Duration.ofSeconds(1),
                                    new SplittableRandom(1)),
                            Clock.systemUTC());
            while (worker.runOnce()) {
                // every chunk is rejected, so each goes to dead letters
            }
            assertThat(chunkFiles(b.deadLetterDir())).hasSize(CHUNKS);
            return b.deadLetterDir();
        }
    }

    private static List<Path> chunkFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".chunk")).toList();
        }
    }

    /** Waits for the file output, then checks n = 0 .. CHUNKS * PER_CHUNK - 1 each arrived exactly once. */
    private void assertEveryRecordOnce() throws Exception {
        int total = CHUNKS * PER_CHUNK;
        Map<Integer, Integer> seen = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            seen = countN();
            if (seen.values().stream().mapToInt(Integer::intValue).sum() >= total) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(seen).hasSize(total);
        assertThat(seen.keySet()).first().isEqualTo(0);
        assertThat(seen.keySet()).last().isEqualTo(total - 1);
        assertThat(seen.values()).containsOnly(1);
    }

    private Map<Integer, Integer> countN() throws IOException {
        Map<Integer, Integer> seen = new TreeMap<>();
        if (!Files.isDirectory(work.resolve("out"))) {
            return seen;
        }
        try (Stream<Path> files = Files.walk(work.resolve("out"))) {
            for (Path p :
                    files.filter(
                                    f ->
                                            f.toString().endsWith(".json")
                                                    && !f.getFileName().toString().startsWith("."))
                            .toList()) {
                for (String line : Files.readAllLines(p)) {
                    Matcher m = N.matcher(line);
                    if (m.find()) {
                        seen.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                    }
                }
            }
        } catch (UncheckedIOException | java.nio.file.NoSuchFileException e) {
            return new TreeMap<>(); // a temporary file renamed while listed: count again
        }
        return seen;
    }
}
