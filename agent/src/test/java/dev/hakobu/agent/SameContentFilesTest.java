package dev.hakobu.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.forward.ForwardServer;
import dev.hakobu.forward.ForwardServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * Issue #16, item 5: files whose first KiB is equal are still two files. The agent runs whole, forwarding
 * to a real {@link ForwardServer} that counts every line it receives, tag by tag.
 */
class SameContentFilesTest {
    private static final String HEADER = "# app 4.2.0 started, pid 4711, log format v3\n";

    @TempDir Path work;

    /** ~100-byte lines, so that a few fill the 1 KiB fingerprint. */
    private static String lines(String prefix, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(String.format("%s %06d %s%n", prefix, i, "x".repeat(88)));
        }
        return b.toString();
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Runs the agent over {@code sources} (YAML list items) until {@code expected} lines arrived, then a little more. */
    private Map<String, Integer> deliver(
            String sources, int expected, ThrowingRunnable whileRunning) throws Exception {
        Map<String, Integer> received = new TreeMap<>();
        try (ForwardServer server =
                ForwardServer.start(
                        ForwardServerConfig.defaults("127.0.0.1", 0),
                        request -> {
                            count(request.tag(), request.entries(), received);
                            return CompletableFuture.completedFuture(null);
                        })) {
            Path config = work.resolve("agent.yaml");
            Files.writeString(
                    config,
                    """
                    state_dir: "%s"
                    sources:
                    %s
                    forward: {host: 127.0.0.1, port: %d}
                    batch: {flush_interval: 50ms}
                    """
                            .formatted(
                                    work.resolve("state"),
                                    sources,
                                    server.localAddress().getPort()));
            AgentConfig cfg = ConfigLoader.fromClasspath().load(config, AgentConfig.class);
            try (Agent agent = Agent.start(cfg, Clock.systemUTC(), new SplittableRandom(16))) {
                whileRunning.run();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (total(received) < expected && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(agent.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
                Thread.sleep(500); // several scans and polls more: a line sent twice would show now
            }
        }
        synchronized (received) {
            return new TreeMap<>(received);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static int total(Map<String, Integer> received) {
        synchronized (received) {
            return received.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Counts "tag|message" per entry. */
    private static void count(String tag, byte[] entries, Map<String, Integer> received) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(entries)) {
            while (u.hasNext()) {
                u.unpackArrayHeader();
                u.unpackValue(); // event time
                Value message =
                        u.unpackValue().asMapValue().map().get(ValueFactory.newString("message"));
                synchronized (received) {
                    received.merge(tag + "|" + message.asStringValue().asString(), 1, Integer::sum);
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Names every line received a wrong number of times (short, unlike a diff of two maps of 100 lines). */
    private static void assertExactly(Map<String, Integer> received, Map<String, Integer> want) {
        Map<String, String> wrong = new TreeMap<>();
        Set<String> lines = new TreeSet<>(want.keySet());
        lines.addAll(received.keySet());
        for (String line : lines) {
            int got = received.getOrDefault(line, 0);
            int expected = want.getOrDefault(line, 0);
            if (got != expected) {
                wrong.put(
                        line.substring(0, Math.min(line.length(), 30)),
                        "expected " + expected + ", received " + got);
            }
        }
        assertThat(wrong).as("lines received a wrong number of times").isEmpty();
    }

    /** Every line of {@code text} under {@code tag}, {@code times} times each. */
    private static void expect(Map<String, Integer> want, String tag, String text, int times) {
        text.lines().forEach(l -> want.merge(tag + "|" + l, times, Integer::sum));
    }

    @Test
    void byteIdenticalLogsInTwoDirectoriesOfOneSourceAreEachDeliveredOnce() throws Exception {
        Path a = Files.createDirectories(work.resolve("logs/a")).resolve("app.log");
        Path b = Files.createDirectories(work.resolve("logs/b")).resolve("app.log");
        String before = HEADER + lines("rec", 0, 30);
        String after = lines("rec", 30, 60);
        append(a, before);
        append(b, before);
        String source =
                """
                  - {paths: ["%s/logs/*/app.log"], tag: app, format: {type: raw}, rescan_interval: 100ms, poll_interval: 20ms}
                """
                        .formatted(work);
        Map<String, Integer> received =
                deliver(
                        source,
                        2 * (31 + 30),
                        () -> {
                            Thread.sleep(300);
                            append(a, after); // both grow alike after they were found
                            append(b, after);
                        });
        Map<String, Integer> want = new TreeMap<>();
        expect(want, "app", before + after, 2);
        assertExactly(received, want);
    }

    @Test
    void logsFoundEmptyThatFillWithTheSameBytesInTwoDirectoriesAreEachDeliveredOnce()
            throws Exception {
        Path a = Files.createDirectories(work.resolve("logs/a")).resolve("app.log");
        Path b = Files.createDirectories(work.resolve("logs/b")).resolve("app.log");
        append(a, "");
        append(b, "");
        String text = HEADER + lines("rec", 0, 40);
        String source =
                """
                  - {paths: ["%s/logs/*/app.log"], tag: app, format: {type: raw}, rescan_interval: 100ms, poll_interval: 20ms}
                """
                        .formatted(work);
        Map<String, Integer> received =
                deliver(
                        source,
                        2 * 41,
                        () -> {
                            Thread.sleep(
                                    300); // found short: their fingerprints become full while they
                            // are read
                            append(a, text);
                            append(b, text);
                        });
        Map<String, Integer> want = new TreeMap<>();
        expect(want, "app", text, 2);
        assertExactly(received, want);
    }

    @Test
    void
            logsWithTheSameHeaderAndFirstRecordsThenOthersAreEachDeliveredOnceInTwoDirectoriesAndInOne()
                    throws Exception {
        Path a = Files.createDirectories(work.resolve("logs/a")).resolve("app.log");
        Path b = Files.createDirectories(work.resolve("logs/b")).resolve("app.log");
        Path c =
                work.resolve(
                        "logs/b/app-2.log"); // beside b: same directory, so only its later bytes
        // tell them apart
        String shared =
                HEADER + lines("startup", 0, 15); // 1.5 KiB alike: more than the fingerprint
        for (Path p : new Path[] {a, b, c}) {
            append(p, shared);
        }
        append(a, lines("a", 0, 20));
        append(b, lines("b", 0, 20));
        append(c, lines("c", 0, 5));
        String sources =
                """
                  - {paths: ["%1$s/logs/a/*.log"], tag: first, format: {type: raw}, rescan_interval: 100ms, poll_interval: 20ms}
                  - {paths: ["%1$s/logs/b/*.log"], tag: second, format: {type: raw}, rescan_interval: 100ms, poll_interval: 20ms}
                """
                        .formatted(work);
        Map<String, Integer> received =
                deliver(
                        sources,
                        16 * 3 + 20 + 25 + 10,
                        () -> {
                            Thread.sleep(300);
                            append(
                                    c,
                                    lines(
                                            "c", 5,
                                            10)); // c is shorter than b: it must not be taken for
                            // b's copy
                            append(b, lines("b", 20, 25));
                        });
        Map<String, Integer> want = new TreeMap<>();
        expect(want, "first", shared + lines("a", 0, 20), 1);
        expect(want, "second", shared, 2);
        expect(want, "second", lines("b", 0, 25) + lines("c", 0, 10), 1);
        assertExactly(received, want);
    }
}
