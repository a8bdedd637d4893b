package dev.hakobu.aggregator.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DiskBufferTest extends BufferFixture {
    @Test
    void aForwardChunkStraddlingTwoDatesIsSplitIntoOneChunkPerPartition() throws Exception {
        try (DiskBuffer b = open(config())) {
            EntryWriter w = Entries.of(DAY1, "a", "b");
            EntryWriter w2 = Entries.of(DAY2, "c");
            byte[] both = new byte[w.size() + w2.size()];
            System.arraycopy(w.array(), 0, both, 0, w.size());
            System.arraycopy(w2.array(), 0, both, w.size(), w2.size());
            b.append("s1", "app.api", both, 0, both.length);
            b.closeOpenChunks();
            List<BufferChunk> chunks = drain(b);
            assertThat(chunks)
                    .extracting(BufferChunk::partition)
                    .containsExactlyInAnyOrder("app.api/18488", "app.api/18489");
            for (BufferChunk c : chunks) {
                Chunk read = b.read(c);
                assertThat(read.id()).isEqualTo(c.id());
                assertThat(Entries.texts(read))
                        .isEqualTo(
                                c.partition().endsWith("18488") ? List.of("a", "b") : List.of("c"));
            }
        }
    }

    @Test
    void aChunkClosesByAgeOnlyAfterTheLateWaitWithoutEvents() throws Exception {
        try (DiskBuffer b = open(config())) {
            append(b, "s1", DAY1, "a");
            clock.advance(Duration.ofMillis(4_500));
            append(b, "s2", DAY1, "b");
            clock.advance(
                    Duration.ofMillis(
                            600)); // 5.1 s old, last event 0.6 s ago: waits for late events
            b.tick();
            assertThat(b.poll()).isEmpty();
            clock.advance(Duration.ofMillis(500));
            b.tick();
            assertThat(b.poll()).hasValueSatisfying(c -> assertThat(c.records()).isEqualTo(2));
        }
    }

    @Test
    void aChunkClosesWhenItReachesTheRecordLimit() throws Exception {
        try (DiskBuffer b =
                open(config().withLimits(1 << 20, 3, 64 << 20, BufferConfig.Overflow.BLOCK))) {
            append(b, "s1", DAY1, "a", "b");
            assertThat(b.poll()).isEmpty();
            append(b, "s2", DAY1, "c");
            assertThat(b.poll()).hasValueSatisfying(c -> assertThat(c.records()).isEqualTo(3));
            assertThat(b.stats().openChunks()).isZero();
        }
    }

    @Test
    void aResendOfTheSameSourceChunkIsNotAppendedTwiceWhileHeldOrAfterDelivery() throws Exception {
        try (DiskBuffer b = open(config())) {
            append(b, "s1", DAY1, "a");
            append(b, "s1", DAY1, "a");
            b.closeOpenChunks();
            BufferChunk c = b.poll().orElseThrow();
            assertThat(c.records()).isEqualTo(1);
            b.delivered(c);
            append(b, "s1", DAY1, "a");
            assertThat(b.stats().duplicateEvents()).isEqualTo(2);
            assertThat(b.stats().usedBytes()).isZero();
        }
    }

    @Test
    void dedupeSurvivesARestartBothForHeldAndForDeliveredChunks() throws Exception {
        try (DiskBuffer b = open(config())) {
            append(b, "held", DAY1, "a");
            append(b, "gone", DAY2, "b");
            b.closeOpenChunks();
            for (BufferChunk c : drain(b)) {
                if (c.partition().endsWith("18489")) {
                    b.delivered(c);
                }
            }
        }
        try (DiskBuffer b = open(config())) {
            append(b, "held", DAY1, "a");
            append(b, "gone", DAY2, "b");
            assertThat(b.stats().duplicateEvents()).isEqualTo(2);
            assertThat(drain(b))
                    .singleElement()
                    .satisfies(c -> assertThat(c.records()).isEqualTo(1));
        }
    }

    @Test
    void aResendAfterACrashBetweenTwoPartitionsAppendsOnlyTheMissingPart() throws Exception {
        try (DiskBuffer b = open(config())) {
            append(
                    b, "s1", DAY1,
                    "a"); // as if the crash came before the DAY2 part of s1 was appended
        }
        try (DiskBuffer b = open(config())) {
            EntryWriter w = Entries.of(DAY1, "a");
            EntryWriter w2 = Entries.of(DAY2, "b");
            byte[] both = new byte[w.size() + w2.size()];
            System.arraycopy(w.array(), 0, both, 0, w.size());
            System.arraycopy(w2.array(), 0, both, w.size(), w2.size());
            b.append("s1", "app.api", both, 0, both.length);
            b.closeOpenChunks();
            assertThat(drain(b)).extracting(BufferChunk::records).containsExactly(1, 1);
            assertThat(b.stats().duplicateEvents()).isEqualTo(1);
        }
    }

    @Test
    void aChunksFailuresSurviveARestartSoItsRetryWindowDoesNotStartAgain() throws Exception {
        long firstFailure = clock.millis();
        try (DiskBuffer b = open(config())) {
            append(b, "s1", DAY1, "a");
            b.closeOpenChunks();
            BufferChunk c = b.poll().orElseThrow();
            c.failed(firstFailure);
            b.retry(c, firstFailure + 1_000);
            clock.advance(Duration.ofSeconds(5));
            c = b.poll().orElseThrow();
            c.failed(clock.millis());
            b.retry(c, clock.millis() + 1_000);
        }
        try (DiskBuffer b = open(config())) {
            clock.advance(Duration.ofSeconds(5));
            BufferChunk c = b.poll().orElseThrow();
            assertThat(c.firstFailureMillis()).isEqualTo(firstFailure);
            assertThat(c.attempts()).isEqualTo(2);
            b.delivered(c);
        }
        try (var files = java.nio.file.Files.list(dir.resolve("buf"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no note outlives its chunk")
                    .noneMatch(n -> n.endsWith(".retry"));
        }
    }

    @Test
    void chunksLeftOnDiskAreRecoveredAndDeliveredAfterARestartUnderTheirOwnIds() throws Exception {
        String id;
        try (DiskBuffer b = open(config())) {
            append(b, "s1", DAY1, "a", "b");
            append(b, "s2", DAY1, "c");
            b.closeOpenChunks();
            id = b.poll().orElseThrow().id(); // in flight when the process stops: stays on disk
        }
        try (DiskBuffer b = open(config())) {
            BufferChunk c = b.poll().orElseThrow();
            assertThat(c.id()).isEqualTo(id);
            assertThat(Entries.texts(b.read(c))).containsExactly("a", "b", "c");
            assertThat(b.stats().usedBytes()).isEqualTo(c.bytes());
        }
    }

    @Test
    void aFullBufferWithDropOldestDeletesTheOldestWaitingChunkAndCountsIt() throws Exception {
        String big = "x".repeat(200);
        try (DiskBuffer b =
                open(config().withLimits(1024, 1_000, 1024, BufferConfig.Overflow.DROP_OLDEST))) {
            append(b, "s1", DAY1, big, big, big, big, big); // over chunk_bytes: closes at once
            String first = b.stats().waitingChunks() == 1 ? "closed" : "open";
            assertThat(first).isEqualTo("closed");
            append(b, "s2", DAY1, big);
            BufferStats stats = b.stats();
            assertThat(stats.droppedChunks()).isEqualTo(1);
            assertThat(stats.droppedEvents()).isEqualTo(5);
            assertThat(stats.usedBytes()).isLessThanOrEqualTo(1024);
        }
    }

    @Test
    void aFullBufferBlocksTheAppendWithoutStoringItUntilAChunkIsDelivered() throws Exception {
        String big = "x".repeat(200);
        try (DiskBuffer b =
                open(config().withLimits(1024, 1_000, 1024, BufferConfig.Overflow.BLOCK))) {
            append(b, "s1", DAY1, big, big, big, big, big);
            CompletableFuture<Void> second =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    append(b, "s2", DAY1, big);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (b.stats().blockedAppends() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(b.stats().blockedAppends()).isEqualTo(1);
            assertThat(second).isNotDone();
            assertThat(b.stats().appendedEvents()).isEqualTo(5);
            b.delivered(b.poll().orElseThrow());
            second.get(10, TimeUnit.SECONDS);
            assertThat(b.stats().appendedEvents()).isEqualTo(6);
        }
    }

    @Test
    void concurrentAppendsAllReachTheChunkAndShareFsyncs() throws Exception {
        try (DiskBuffer b = open(config())) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                all.add(
                        CompletableFuture.runAsync(
                                () -> {
                                    for (int i = 0; i < 50; i++) {
                                        try {
                                            append(
                                                    b,
                                                    "t" + thread + "-" + i,
                                                    DAY1,
                                                    thread + ":" + i);
                                        } catch (Exception e) {
                                            throw new IllegalStateException(e);
                                        }
                                    }
                                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
            b.closeOpenChunks();
            assertThat(Entries.texts(b.read(b.poll().orElseThrow())))
                    .hasSize(400)
                    .doesNotHaveDuplicates();
        }
    }
}
