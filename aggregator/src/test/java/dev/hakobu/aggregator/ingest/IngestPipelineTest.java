package dev.hakobu.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.aggregator.buffer.BufferConfig;
import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.aggregator.route.RouteTable;
import dev.hakobu.aggregator.route.TagPattern;
import dev.hakobu.forward.ForwardRequest;
import dev.hakobu.mask.Masker;
import dev.hakobu.output.Partitioner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {
    @TempDir Path state;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Map<String, DiskBuffer> buffers = new LinkedHashMap<>();

    @AfterEach
    void stop() throws Exception {
        workers.shutdownNow();
        for (DiskBuffer b : buffers.values()) {
            b.close();
        }
    }

    private IngestPipeline pipeline(List<RoutedOutputs> fallback) throws Exception {
        for (String name : List.of("a", "b")) {
            buffers.put(
                    name,
                    DiskBuffer.open(
                            name,
                            state.resolve("buffer/" + name),
                            state.resolve("ids"),
                            BufferConfig.defaults(state),
                            Partitioner.BY_TAG,
                            Clock.systemUTC(),
                            new SplittableRandom(1)));
        }
        RouteTable<RoutedOutputs> routes =
                new RouteTable<>(
                        List.of(
                                new RouteTable.Route<>(
                                        TagPattern.compile("app.**"),
                                        List.of(
                                                new RoutedOutputs(
                                                        Masker.of(List.of()), List.of("a", "b"))),
                                        false)),
                        fallback);
        return new IngestPipeline(routes, buffers, workers);
    }

    private void restart() throws Exception {
        for (DiskBuffer b : buffers.values()) {
            b.close();
        }
        buffers.clear();
    }

    private static ForwardRequest request(String tag, String chunk) {
        return new ForwardRequest(tag, new byte[] {(byte) 0x92, 0x01, (byte) 0x80}, 1, chunk);
    }

    @Test
    void theAckWaitsForEveryMatchedBufferAndAResendIsNotStoredTwiceEvenAfterARestart()
            throws Exception {
        IngestPipeline p = pipeline(List.of());
        p.accept(request("app.api", "c1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(buffers.values())
                .allSatisfy(b -> assertThat(b.stats().appendedEvents()).isEqualTo(1));
        p.accept(request("app.api", "c1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        restart();
        p = pipeline(List.of());
        p.accept(request("app.api", "c1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(buffers.values())
                .allSatisfy(
                        b -> {
                            assertThat(b.stats().appendedEvents()).isZero();
                            assertThat(b.stats().duplicateEvents()).isEqualTo(1);
                        });
    }

    @Test
    void aBufferThatRefusesFailsTheStageSoNoAckGoesOutAndTheOtherBufferSkipsTheResend()
            throws Exception {
        IngestPipeline p = pipeline(List.of());
        buffers.get("b").close(); // refuses every append, like a full disk
        assertThat(p.accept(request("app.api", "c2")).toCompletableFuture())
                .failsWithin(10, TimeUnit.SECONDS);
        assertThat(buffers.get("a").stats().appendedEvents()).isEqualTo(1);
        restart();
        p = pipeline(List.of());
        p.accept(request("app.api", "c2")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(buffers.get("a").stats().duplicateEvents()).isEqualTo(1);
        assertThat(buffers.get("b").stats().appendedEvents()).isEqualTo(1);
    }

    @Test
    void eventsMatchingNoRouteGoToTheDefaultRouteAndAreCounted() throws Exception {
        IngestPipeline p = pipeline(List.of(new RoutedOutputs(Masker.of(List.of()), List.of("b"))));
        p.accept(request("other.thing", "c3")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(p.unmatchedEvents()).isEqualTo(1);
        assertThat(p.defaultRoutedEvents()).isEqualTo(1);
        assertThat(buffers.get("a").stats().appendedEvents()).isZero();
        assertThat(buffers.get("b").stats().appendedEvents()).isEqualTo(1);
    }

    @Test
    void withoutADefaultRouteUnmatchedEventsAreCountedNotStored() throws Exception {
        IngestPipeline p = pipeline(List.of());
        p.accept(request("other.thing", "c4")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(p.unmatchedEvents()).isEqualTo(1);
        assertThat(buffers.values())
                .allSatisfy(b -> assertThat(b.stats().appendedEvents()).isZero());
    }
}
