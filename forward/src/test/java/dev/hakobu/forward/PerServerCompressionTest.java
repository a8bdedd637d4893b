package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hakobu.forward.ForwardClientConfig.Compression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Issue #16, item 6: a server's own compression, and a server that closes on a compression it does not take. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PerServerCompressionTest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ListAppender<ILoggingEvent> warnings =
            HandshakeTest.capture(CompressedCloseWarning.class);

    @AfterEach
    void closeAll() throws Exception {
        ((Logger) LoggerFactory.getLogger(CompressedCloseWarning.class)).detachAppender(warnings);
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private ThirdPartyReceiver receiver(Set<String> refused) throws Exception {
        ThirdPartyReceiver r = new ThirdPartyReceiver(refused);
        resources.add(r);
        return r;
    }

    private ForwardClient client(Compression compression, List<ForwardNodeConfig> servers) {
        ForwardClient c =
                ForwardClient.open(
                        ForwardClientConfig.defaults(servers)
                                .withSending(compression, 4)
                                .withTiming(
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(10),
                                        Duration.ofMillis(10),
                                        Duration.ofMillis(40)),
                        new SplittableRandom(16));
        resources.add(c);
        return c;
    }

    private static CompletableFuture<Void> send(ForwardClient client, int chunk)
            throws InterruptedException {
        byte[] entries = Frames.entries(chunk * 10, 10);
        return client.send("app", entries, 0, entries.length, 10, "chunk-" + chunk);
    }

    @Test
    void aServersOwnCompressionIsUsedForThatServerOnly() throws Exception {
        ThirdPartyReceiver plain = receiver(Set.of());
        ThirdPartyReceiver usual = receiver(Set.of());
        ForwardClient client =
                client(
                        Compression.GZIP,
                        List.of(
                                ForwardNodeConfig.of("127.0.0.1", plain.port())
                                        .withCompression(Compression.NONE),
                                ForwardNodeConfig.of("127.0.0.1", usual.port())));
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            acks.add(send(client, i));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(plain.received)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.compression()).isEqualTo("none"));
        assertThat(usual.received)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.compression()).isEqualTo("gzip"));
        assertThat(plain.received.size() + usual.received.size()).isEqualTo(40);
        assertThat(plain.received).allSatisfy(r -> assertThat(r.entries()).isEqualTo(10));
        assertThat(usual.received).allSatisfy(r -> assertThat(r.entries()).isEqualTo(10));
    }

    @Test
    void aServerThatClosesOnZstdGetsOneClearWarningAndItsChunksAreDeliveredGzippedByTheOther()
            throws Exception {
        ThirdPartyReceiver fluentd118 = receiver(Set.of("zstd"));
        ThirdPartyReceiver other = receiver(Set.of());
        ForwardNodeConfig zstd =
                new ForwardNodeConfig(
                        "127.0.0.1",
                        fluentd118.port(),
                        1000,
                        false,
                        Optional.of(Compression.ZSTD),
                        Optional.empty());
        ForwardClient client =
                client(
                        Compression.GZIP,
                        List.of(zstd, new ForwardNodeConfig("127.0.0.1", other.port(), 1, false)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < 20; i++) {
            while (client.healthyNodes() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(
                        2); // until a probe found the zstd server up again: it then gets nearly
                // every chunk
            }
            send(client, i).get(20, TimeUnit.SECONDS);
        }

        assertThat(fluentd118.closedOnRefused.get())
                .as("closes without an ack")
                .isGreaterThanOrEqualTo(10);
        assertThat(other.received)
                .hasSize(20)
                .allSatisfy(r -> assertThat(r.compression()).isEqualTo("gzip"));
        assertThat(warnings.list)
                .singleElement()
                .satisfies(
                        w -> {
                            assertThat(w.getLevel()).isEqualTo(Level.WARN);
                            assertThat(w.getFormattedMessage())
                                    .contains(
                                            "127.0.0.1:" + fluentd118.port(),
                                            "zstd-compressed chunk",
                                            "may not support zstd (Fluentd < 1.19)",
                                            "Fluent Bit Buffer_Chunk_Size",
                                            "set compression: gzip / max_chunk_bytes for this server");
                        });
    }

    @Test
    void withAutoASingleFluentd118GetsGzipAfterTwoRefusedZstdChunksAndLosesNothing()
            throws Exception {
        ThirdPartyReceiver fluentd118 = receiver(Set.of("zstd"));
        ListAppender<ILoggingEvent> dispatcherLog = HandshakeTest.capture(Dispatcher.class);
        try {
            ForwardClient client =
                    client(
                            Compression.AUTO,
                            List.of(ForwardNodeConfig.of("127.0.0.1", fluentd118.port())));
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                acks.add(send(client, i));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);

            assertThat(fluentd118.closedOnRefused.get())
                    .as("zstd tried on two connections, then never again")
                    .isEqualTo(2);
            assertThat(fluentd118.received)
                    .extracting(ThirdPartyReceiver.Received::chunk)
                    .doesNotHaveDuplicates()
                    .hasSize(20);
            assertThat(fluentd118.received)
                    .allSatisfy(r -> assertThat(r.compression()).isEqualTo("gzip"));
            assertThat(dispatcherLog.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .anySatisfy(
                            w ->
                                    assertThat(w.getFormattedMessage())
                                            .contains(
                                                    "does not take zstd",
                                                    "sending it gzip from now on"));
        } finally {
            ((Logger) LoggerFactory.getLogger(Dispatcher.class)).detachAppender(dispatcherLog);
        }
    }

    @Test
    void withAutoAServerThatTakesZstdKeepsGettingZstd() throws Exception {
        ThirdPartyReceiver modern = receiver(Set.of());
        ForwardClient client =
                client(Compression.AUTO, List.of(ForwardNodeConfig.of("127.0.0.1", modern.port())));
        for (int i = 0; i < 10; i++) {
            send(client, i).get(20, TimeUnit.SECONDS);
        }
        assertThat(modern.received)
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.compression()).isEqualTo("zstd"));
    }

    @Test
    void aServerThatAckedOnTheConnectionAndThenDiesWithAChunkInFlightIsNotBlamedOnItsCompression()
            throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        ForwardServer hakobu =
                ForwardServer.start(
                        TestServers.config(0),
                        request ->
                                request.chunk().equals("chunk-0")
                                        ? CompletableFuture.completedFuture(null)
                                        : never);
        ForwardClient client =
                client(
                        Compression.GZIP,
                        List.of(
                                ForwardNodeConfig.of(
                                        "127.0.0.1", hakobu.localAddress().getPort())));
        send(client, 0).get(20, TimeUnit.SECONDS);
        CompletableFuture<Void> second = send(client, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (hakobu.stats().requests() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        hakobu.close(); // a crash with a gzip chunk in flight, after an ack on that connection
        while (client.healthyNodes() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(client.healthyNodes()).as("the close was seen").isZero();
        assertThat(second).isNotDone();
        assertThat(warnings.list).isEmpty();
    }
}
