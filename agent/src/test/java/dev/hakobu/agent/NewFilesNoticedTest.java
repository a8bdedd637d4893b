package dev.hakobu.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.forward.ForwardServer;
import dev.hakobu.forward.ForwardServerConfig;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueFactory;

/**
 * Issue 18, item 7: globs were expanded only every {@code rescan_interval} (5 s), so a file created and
 * renamed out of the glob within that window was never read (1,000 lines lost). A new entry in a
 * watched directory now makes the reader rescan at once. The agent runs whole, with the default
 * rescan_interval, forwarding to a real {@link ForwardServer}.
 */
class NewFilesNoticedTest {
    private static final int LINES = 1_000;
    private static final AtomicInteger ENTRIES = new AtomicInteger();

    @TempDir Path work;

    @Test
    void aFileCreatedAndRenamedOutOfTheGlobWithin150msIsReadWhole() throws Exception {
        Set<String> received = new TreeSet<>();
        Path logs = Files.createDirectories(work.resolve("logs"));
        try (ForwardServer server =
                ForwardServer.start(
                        ForwardServerConfig.defaults("127.0.0.1", 0),
                        request -> {
                            collect(request.entries(), received);
                            return CompletableFuture.completedFuture(null);
                        })) {
            Path config =
                    Files.writeString(
                            work.resolve("agent.yaml"),
                            """
                            state_dir: "%s"
                            sources: [{paths: ["%s/*.log"], tag: app, format: {type: raw}}]
                            forward: {host: 127.0.0.1, port: %d}
                            batch: {flush_interval: 50ms}
                            """
                                    .formatted(
                                            work.resolve("state"),
                                            logs,
                                            server.localAddress().getPort()));
            AgentConfig cfg = ConfigLoader.fromClasspath().load(config, AgentConfig.class);
            assertThat(cfg.sources().get(0).rescanInterval()).isEqualTo(Duration.ofSeconds(5));
            try (Agent agent = Agent.start(cfg, Clock.systemUTC(), new SplittableRandom(18))) {
                Thread.sleep(300); // the first scan is done and the directory watched
                long created = System.nanoTime();
                Path file = logs.resolve("burst.log");
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (int i = 0; i < LINES; i++) {
                        out.write(String.format("line %04d%n", i));
                    }
                }
                Thread.sleep(Math.max(0, 150 - (System.nanoTime() - created) / 1_000_000));
                Files.move(file, logs.resolve("burst.log.1")); // out of the glob
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (size(received) < LINES && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(300); // a line sent twice would show now
            }
        }
        Set<String> want = new TreeSet<>();
        for (int i = 0; i < LINES; i++) {
            want.add(String.format("line %04d", i));
        }
        synchronized (received) {
            assertThat(received).isEqualTo(want);
            assertThat(ENTRIES.get()).as("entries received, duplicates included").isEqualTo(LINES);
        }
    }

    private static int size(Set<String> received) {
        synchronized (received) {
            return received.size();
        }
    }

    /** Adds each entry's message; {@code received} holds each once, {@code entries} counts them all. */
    private static void collect(byte[] entries, Set<String> received) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(entries)) {
            while (u.hasNext()) {
                u.unpackArrayHeader();
                u.unpackValue(); // event time
                String message =
                        u.unpackValue()
                                .asMapValue()
                                .map()
                                .get(ValueFactory.newString("message"))
                                .asStringValue()
                                .asString();
                synchronized (received) {
                    received.add(message);
                    ENTRIES.incrementAndGet();
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
