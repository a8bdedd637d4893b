package dev.hakobu.aggregator.ingest;

import dev.hakobu.core.buffer.SeenChunks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.core.forward.ForwardRequest;
import dev.hakobu.core.mask.Masker;
import dev.hakobu.core.output.Chunk;
import dev.hakobu.core.output.Output;
import dev.hakobu.core.output.WriteResult;
import dev.hakobu.core.route.RouteTable;
import dev.hakobu.core.route.TagPattern;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {
    @TempDir
    Path state;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    /** Counts writes; can hold them until released, to race two deliveries of one chunk. */
    private static final class CountingOutput implements Output {
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch release;
        volatile WriteResult result = WriteResult.DELIVERED;

        CountingOutput(int holds) {
            this.release = new CountDownLatch(holds);
        }

        @Override
        public WriteResult write(Chunk chunk) {
            writes.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result;
        }

        @Override
        public void close() {
        }
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private IngestPipeline pipeline(Output out, SeenChunks seen) {
        RouteTable<RoutedOutputs> routes = new RouteTable<>(List.of(new RouteTable.Route<>(TagPattern.compile("app.**"),
                List.of(new RoutedOutputs(Masker.of(List.of()), List.of("out"))), false)), List.of());
        return new IngestPipeline(routes, Map.of("out", out), workers, () -> "generated", seen);
    }

    private static ForwardRequest request(String chunk) {
        return new ForwardRequest("app.api", new byte[] {(byte) 0x92, 0x01, (byte) 0x80}, 1, chunk);
    }

    @Test
    void aChunkSentAgainAfterItWasStoredIsAcknowledgedWithoutBeingWrittenTwice() throws Exception {
        CountingOutput out = new CountingOutput(0);
        try (SeenChunks seen = new SeenChunks(state, 100)) {
            IngestPipeline p = pipeline(out, seen);
            p.accept(request("c1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            p.accept(request("c1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(out.writes).hasValue(1);
            assertThat(p.duplicateEvents()).isEqualTo(1);
        }
        // and after a restart of the aggregator
        try (SeenChunks seen = new SeenChunks(state, 100)) {
            pipeline(out, seen).accept(request("c1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(out.writes).hasValue(1);
        }
    }

    @Test
    void aRepeatArrivingWhileTheFirstIsBeingStoredWaitsForItsOutcome() throws Exception {
        CountingOutput out = new CountingOutput(1);
        try (SeenChunks seen = new SeenChunks(state, 100)) {
            IngestPipeline p = pipeline(out, seen);
            CompletableFuture<Void> first = p.accept(request("c2")).toCompletableFuture();
            CompletableFuture<Void> second = p.accept(request("c2")).toCompletableFuture();
            assertThat(second.isDone()).isFalse();
            out.release.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            assertThat(out.writes).hasValue(1);
        }
    }

    @Test
    void aChunkThatCouldNotBeStoredIsNotRememberedSoItsResendIsStored() throws Exception {
        CountingOutput out = new CountingOutput(0);
        out.result = new WriteResult.Retry("disk full");
        try (SeenChunks seen = new SeenChunks(state, 100)) {
            IngestPipeline p = pipeline(out, seen);
            assertThat(p.accept(request("c3")).toCompletableFuture()).failsWithin(10, TimeUnit.SECONDS);
            out.result = WriteResult.DELIVERED;
            p.accept(request("c3")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(out.writes).hasValue(2);
            assertThat(seen.contains("c3")).isTrue();
        }
    }
}
