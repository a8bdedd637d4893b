package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardClientConfig.Compression;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForwardClientTest {
    private final SplittableRandom random = new SplittableRandom(42);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void tenThousandEventsInChunksArriveExactlyOnceAndEveryFutureCompletes(Compression compression)
            throws Exception {
        ConcurrentHashMap<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
        ForwardServer server =
                start(
                        0,
                        request -> {
                            EntryReader.read(
                                    request.entries(),
                                    0,
                                    request.entries().length,
                                    (t, b, o, l) ->
                                            seen.computeIfAbsent(
                                                            Frames.seq(b, o, l),
                                                            k -> new AtomicInteger())
                                                    .incrementAndGet());
                            return CompletableFuture.completedFuture(null);
                        });
        ForwardClient client =
                client(server.localAddress().getPort(), compression, Duration.ofSeconds(30));
        List<CompletableFuture<Void>> acked = new ArrayList<>();
        EntryWriter writer = new EntryWriter(64 * 1024);
        for (int chunk = 0; chunk < 100; chunk++) {
            for (int i = 0; i < 100; i++) {
                byte[] record = Frames.record(chunk * 100 + i);
                writer.add(Frames.T0, record, 0, record.length);
            }
            acked.add(
                    client.send(
                            "app",
                            writer.array(),
                            0,
                            writer.size(),
                            writer.count(),
                            ChunkIds.newId(random)));
            writer.reset();
        }
        CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(seen).hasSize(10_000);
        assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(server.stats().acks()).isEqualTo(100);
    }

    @Test
    void theAckWaitsForTheSinkToStoreTheChunk() throws Exception {
        LinkedBlockingQueue<CompletableFuture<Void>> held = new LinkedBlockingQueue<>();
        ForwardServer server =
                start(
                        0,
                        request -> {
                            CompletableFuture<Void> stored = new CompletableFuture<>();
                            held.add(stored);
                            return stored;
                        });
        ForwardClient client =
                client(server.localAddress().getPort(), Compression.ZSTD, Duration.ofSeconds(30));
        CompletableFuture<Void> acked = send(client, "c1");
        CompletableFuture<Void> stored = held.poll(20, TimeUnit.SECONDS);
        assertThat(stored).as("the sink got the chunk").isNotNull();
        assertThat(acked).isNotDone();
        stored.complete(null);
        acked.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aChunkTheSinkFailedIsResentWithTheSameIdAndAcceptedTheSecondTime() throws Exception {
        CopyOnWriteArrayList<String> attempts = new CopyOnWriteArrayList<>();
        ForwardServer server =
                start(
                        0,
                        request -> {
                            attempts.add(request.chunk());
                            return attempts.size() == 1
                                    ? CompletableFuture.failedFuture(new IOException("disk full"))
                                    : CompletableFuture.completedFuture(null);
                        });
        ForwardClient client =
                client(server.localAddress().getPort(), Compression.GZIP, Duration.ofSeconds(30));
        send(client, "retry-me").get(20, TimeUnit.SECONDS);
        assertThat(attempts).containsExactly("retry-me", "retry-me");
        assertThat(server.stats().sinkFailures()).isEqualTo(1);
    }

    @Test
    void aChunkWithoutAckWithinTheTimeoutIsResent() throws Exception {
        CopyOnWriteArrayList<String> attempts = new CopyOnWriteArrayList<>();
        ForwardServer server =
                start(
                        0,
                        request -> {
                            attempts.add(request.chunk());
                            return attempts.size() == 1
                                    ? new CompletableFuture<>()
                                    : CompletableFuture.completedFuture(null);
                        });
        ForwardClient client =
                client(server.localAddress().getPort(), Compression.NONE, Duration.ofMillis(200));
        send(client, "slow").get(20, TimeUnit.SECONDS);
        assertThat(attempts).containsExactly("slow", "slow");
    }

    @Test
    void inFlightChunksReachANewServerOnTheSamePortAfterTheOldOneClosed() throws Exception {
        LinkedBlockingQueue<String> first = new LinkedBlockingQueue<>();
        ForwardServer old =
                ForwardServer.start(
                        ForwardServerTest.config(0, Duration.ofMinutes(5)),
                        request -> {
                            first.add(request.chunk());
                            return new CompletableFuture<>(); // never stored
                        });
        int port = old.localAddress().getPort();
        ForwardClient client = client(port, Compression.ZSTD, Duration.ofSeconds(30));
        CompletableFuture<Void> a = send(client, "a");
        CompletableFuture<Void> b = send(client, "b");
        assertThat(List.of(first.poll(20, TimeUnit.SECONDS), first.poll(20, TimeUnit.SECONDS)))
                .containsExactly("a", "b");
        old.close();
        CopyOnWriteArrayList<String> second = new CopyOnWriteArrayList<>();
        start(
                port,
                request -> {
                    second.add(request.chunk());
                    return CompletableFuture.completedFuture(null);
                });
        CompletableFuture.allOf(a, b).get(20, TimeUnit.SECONDS);
        assertThat(second).containsExactly("a", "b");
    }

    @Test
    void closingTheClientCancelsUnackedChunks() throws Exception {
        ForwardServer server = start(0, request -> new CompletableFuture<>());
        ForwardClient client =
                client(server.localAddress().getPort(), Compression.NONE, Duration.ofSeconds(30));
        CompletableFuture<Void> acked = send(client, "never");
        client.close();
        assertThatThrownBy(acked::join).isInstanceOf(CancellationException.class);
        assertThat(send(client, "after-close")).isCancelled();
    }

    private ForwardServer start(int port, ForwardSink sink) throws IOException {
        ForwardServer server =
                ForwardServer.start(ForwardServerTest.config(port, Duration.ofMinutes(5)), sink);
        resources.add(server);
        return server;
    }

    private ForwardClient client(int port, Compression compression, Duration ackTimeout) {
        ForwardClient client =
                ForwardClient.open(
                        ForwardClientConfig.defaults("127.0.0.1", port)
                                .withTiming(
                                        Duration.ofSeconds(5),
                                        ackTimeout,
                                        Duration.ofMillis(20),
                                        Duration.ofMillis(200))
                                .withSending(compression, 8),
                        random);
        resources.add(client);
        return client;
    }

    private static CompletableFuture<Void> send(ForwardClient client, String chunkId)
            throws InterruptedException {
        byte[] entries = Frames.entries(0, 10);
        return client.send("app", entries, 0, entries.length, 10, chunkId);
    }
}
