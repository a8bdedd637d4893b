package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.event.ChunkIds;
import dev.hakobu.forward.TestServers.CountingSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailoverTest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(2026);

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void whenOneOfTwoServersClosesMidStreamEveryChunkCompletesAndItSharesTrafficAgainAfterARestart()
            throws Exception {
        CountingSink sinkA =
                new CountingSink(
                        Duration.ofMillis(30)); // stored, then acked: closing A strands some acks
        CountingSink sinkB = new CountingSink();
        ForwardServer a = start(0, sinkA);
        ForwardServer b = start(0, sinkB);
        int portA = a.localAddress().getPort();
        ForwardClient client =
                client(
                        List.of(
                                new ForwardNodeConfig("127.0.0.1", portA, 60, false),
                                new ForwardNodeConfig(
                                        "127.0.0.1", b.localAddress().getPort(), 40, false)));

        Set<String> sent = new HashSet<>();
        List<CompletableFuture<Void>> acked = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            if (i == 150) {
                a.close(); // mid-stream: chunks in flight on A must finish on B
            }
            String id = ChunkIds.newId(random);
            sent.add(id);
            acked.add(send(client, id, i));
        }
        CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        Set<String> accepted = new HashSet<>(sinkA.chunks);
        accepted.addAll(sinkB.chunks);
        assertThat(accepted).isEqualTo(sent);
        long duplicates = sinkA.requests.get() + sinkB.requests.get() - accepted.size();
        System.out.printf(
                "failover: %d chunks sent, A accepted %d, B accepted %d, %d accepted by both (duplicates)%n",
                sent.size(), sinkA.requests.get(), sinkB.requests.get(), duplicates);
        assertThat(sinkA.requests.get()).as("A took its share before it closed").isPositive();

        CountingSink sinkA2 = new CountingSink();
        start(portA, sinkA2); // A is back on the same port
        long bBefore = sinkB.requests.get();
        Await.until("A is probed and back", () -> probed(client));
        List<CompletableFuture<Void>> after = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            after.add(send(client, ChunkIds.newId(random), i));
        }
        CompletableFuture.allOf(after.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long toA = sinkA2.requests.get();
        long toB = sinkB.requests.get() - bBefore;
        System.out.printf(
                "after recovery: A accepted %d, B accepted %d of %d%n", toA, toB, after.size());
        assertThat(toA).as("A shares traffic again").isPositive();
        assertThat(toB).as("B keeps its share").isPositive();
        assertThat(toA + toB).isGreaterThanOrEqualTo(after.size());
    }

    @Test
    void aStandbyServerIsUsedOnlyWhileTheRegularOneIsDown() throws Exception {
        CountingSink regular = new CountingSink();
        CountingSink standby = new CountingSink();
        ForwardServer r = start(0, regular);
        ForwardServer s = start(0, standby);
        int portR = r.localAddress().getPort();
        ForwardClient client =
                client(
                        List.of(
                                ForwardNodeConfig.of("127.0.0.1", portR),
                                new ForwardNodeConfig(
                                        "127.0.0.1", s.localAddress().getPort(), 60, true)));

        sendAll(client, 20);
        assertThat(regular.requests.get()).isEqualTo(20);
        assertThat(standby.requests.get()).isZero();

        r.close();
        sendAll(client, 20);
        assertThat(standby.requests.get()).as("the standby takes over").isEqualTo(20);

        CountingSink back = new CountingSink();
        start(portR, back);
        Await.until(
                "the regular server is probed and takes chunks again",
                () -> {
                    try {
                        sendAll(client, 1);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    return back.requests.get() > 0;
                });
        long standbyBefore = standby.requests.get();
        sendAll(client, 20);
        assertThat(standby.requests.get()).as("the standby is idle again").isEqualTo(standbyBefore);
    }

    /** A's probe runs on its own (backoff at most 200 ms); give it time by polling, not sleeping. */
    private static boolean probed(ForwardClient client) {
        return client.healthyNodes() == 2;
    }

    private void sendAll(ForwardClient client, int n) throws Exception {
        List<CompletableFuture<Void>> acked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            acked.add(send(client, ChunkIds.newId(random), i));
        }
        CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private ForwardServer start(int port, ForwardSink sink) throws IOException {
        ForwardServer server = ForwardServer.start(TestServers.config(port), sink);
        resources.add(server);
        return server;
    }

    private ForwardClient client(List<ForwardNodeConfig> servers) {
        ForwardClient client =
                ForwardClient.open(
                        ForwardClientConfig.defaults(servers)
                                .withTiming(
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(5),
                                        Duration.ofMillis(20),
                                        Duration.ofMillis(200))
                                .withSending(ForwardClientConfig.Compression.ZSTD, 16),
                        new SplittableRandom(7));
        resources.add(client);
        return client;
    }

    private static CompletableFuture<Void> send(ForwardClient client, String id, int seq)
            throws InterruptedException {
        byte[] entries = Frames.entries(seq * 50, 50);
        return client.send("app", entries, 0, entries.length, 50, id);
    }
}
