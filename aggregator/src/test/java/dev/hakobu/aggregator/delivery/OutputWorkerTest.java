package dev.hakobu.aggregator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.aggregator.buffer.BufferConfig;
import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Output;
import dev.hakobu.output.Partitioner;
import dev.hakobu.output.WriteResult;
import dev.hakobu.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWorkerTest {
    @TempDir Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    private final ScriptedOutput output = new ScriptedOutput();
    private DiskBuffer buffer;
    private OutputWorker worker;

    /** Answers writes from a script (Delivered once it runs out) and records the chunk ids it saw. */
    static final class ScriptedOutput implements Output {
        final Deque<WriteResult> script = new ArrayDeque<>();
        final List<String> written = new ArrayList<>();

        RuntimeException throwing;

        @Override
        public WriteResult write(Chunk chunk) {
            written.add(chunk.id());
            if (throwing != null) {
                throw throwing;
            }
            return script.isEmpty() ? WriteResult.DELIVERED : script.poll();
        }

        @Override
        public DeliveryGuarantee deliveryGuarantee() {
            return DeliveryGuarantee.AT_LEAST_ONCE;
        }

        @Override
        public void close() {}
    }

    @BeforeEach
    void open() throws Exception {
        buffer =
                DiskBuffer.open(
                        "out",
                        dir.resolve("buf"),
                        dir.resolve("ids"),
                        BufferConfig.defaults(dir),
                        Partitioner.BY_TAG,
                        clock,
                        new SplittableRandom(3));
        RetrySchedule schedule =
                new RetrySchedule(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(60),
                        new SplittableRandom(5));
        worker = new OutputWorker("out", buffer, output, schedule, clock);
        EntryWriter w = new EntryWriter(64);
        w.add(1_000_000_000L, new byte[] {(byte) 0x80}, 0, 1);
        buffer.append("src-1", "app.api", w.array(), 0, w.size());
        buffer.closeOpenChunks();
    }

    @AfterEach
    void close() throws Exception {
        buffer.close();
    }

    @Test
    void aDeliveredChunkIsDeletedFromTheBuffer() {
        assertThat(worker.runOnce()).isTrue();
        assertThat(buffer.stats().usedBytes()).isZero();
        assertThat(buffer.stats().deliveredChunks()).isEqualTo(1);
        assertThat(worker.runOnce()).isFalse();
    }

    @Test
    void aRetryWaitsForItsBackoffOnTheClockAndThenGoesOutAgainUnderTheSameId() {
        output.script.add(new WriteResult.Retry("503"));
        output.script.add(new WriteResult.Retry("503"));
        assertThat(worker.runOnce()).isTrue();
        assertThat(worker.runOnce()).as("not due before the first backoff (0.5 to 1 s)").isFalse();
        clock.advance(Duration.ofMillis(1_000));
        assertThat(worker.runOnce()).isTrue();
        clock.advance(Duration.ofMillis(999));
        assertThat(worker.runOnce()).as("second backoff is 1 to 2 s").isFalse();
        clock.advance(Duration.ofMillis(1_001));
        assertThat(worker.runOnce()).isTrue();
        assertThat(output.written).hasSize(3).containsOnly(output.written.get(0));
        assertThat(buffer.stats().deliveredChunks()).isEqualTo(1);
    }

    @Test
    void aChunkStillFailingAfterTheMaximumRetryTimeMovesToTheDeadLetterFolderWithTheReason()
            throws Exception {
        for (int i = 0; i < 100; i++) {
            output.script.add(new WriteResult.Retry("bucket unreachable"));
        }
        while (buffer.stats().deadLetteredChunks() == 0) {
            worker.runOnce();
            clock.advance(Duration.ofSeconds(8));
            assertThat(output.written.size()).isLessThan(20);
        }
        assertThat(clock.instant()).isAfterOrEqualTo(Instant.parse("2026-11-22T00:01:00Z"));
        assertThat(buffer.stats().usedBytes()).isZero();
        String id = output.written.get(0);
        assertThat(buffer.deadLetterDir().resolve(id + ".chunk")).exists();
        assertThat(Files.readString(buffer.deadLetterDir().resolve(id + ".chunk.reason")))
                .contains("gave up")
                .contains("bucket unreachable");
    }

    @Test
    void aRejectedChunkGoesToTheDeadLetterFolderAtOnce() throws Exception {
        output.script.add(new WriteResult.Rejected("403 forbidden"));
        assertThat(worker.runOnce()).isTrue();
        assertThat(buffer.stats().deadLetteredChunks()).isEqualTo(1);
        String id = output.written.get(0);
        assertThat(Files.readString(buffer.deadLetterDir().resolve(id + ".chunk.reason")))
                .contains("403 forbidden");
        buffer.append("src-1", "app.api", new byte[] {(byte) 0x92, 0x01, (byte) 0x80}, 0, 3);
        assertThat(buffer.stats().duplicateEvents())
                .as("a late resend of a dead-lettered batch is not stored again")
                .isEqualTo(1);
    }

    @Test
    void
            aChunkOnWhichTheOutputThrowsEveryTimeGoesToDeadLettersOnTheThirdAttemptNotAfterMaxRetryTime()
                    throws Exception {
        output.throwing = new IllegalArgumentException("Illegal char <\u0000> in path");
        for (int attempt = 0; attempt < 10 && buffer.stats().deadLetteredChunks() == 0; attempt++) {
            worker.runOnce();
            clock.advance(Duration.ofSeconds(8));
        }
        assertThat(output.written).hasSize(OutputWorker.MAX_THROWS);
        assertThat(buffer.stats().deadLetteredChunks()).isEqualTo(1);
        assertThat(buffer.stats().usedBytes()).isZero();
        String id = output.written.get(0);
        assertThat(Files.readString(buffer.deadLetterDir().resolve(id + ".chunk.reason")))
                .contains("threw on attempt 3")
                .contains("Illegal char");
    }

    @Test
    void aChunkFailingWhileOthersAreDeliveredGoesToDeadLettersOnceSuchChunksPassTheirShare()
            throws Exception {
        Output picky =
                new Output() {
                    @Override
                    public WriteResult write(Chunk chunk) {
                        return chunk.tag().equals("app.poison")
                                ? new WriteResult.Retry("500 for this one only")
                                : WriteResult.DELIVERED;
                    }

                    @Override
                    public DeliveryGuarantee deliveryGuarantee() {
                        return DeliveryGuarantee.AT_LEAST_ONCE;
                    }

                    @Override
                    public void close() {}
                };
        RetrySchedule schedule =
                new RetrySchedule(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(8),
                        Duration.ofHours(24),
                        new SplittableRandom(5));
        FailingAlone failingAlone =
                new FailingAlone(1); // a share of one byte: the first such chunk is over it
        OutputWorker w =
                new OutputWorker(
                        "out", buffer, picky, schedule, clock, new DeliveryHealth(), failingAlone);
        EntryWriter entries = new EntryWriter(64);
        entries.add(1_000_000_000L, new byte[] {(byte) 0x80}, 0, 1);
        buffer.append("src-2", "app.poison", entries.array(), 0, entries.size());
        buffer.closeOpenChunks();

        for (int i = 0; i < 10 && buffer.stats().deadLetteredChunks() == 0; i++) {
            buffer.append(
                    "live-" + i,
                    "app.api",
                    entries.array(),
                    0,
                    entries.size()); // traffic goes on meanwhile
            buffer.closeOpenChunks();
            while (w.runOnce()) {
                // everything due now
            }
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(buffer.stats().deliveredChunks()).as("app.api").isGreaterThanOrEqualTo(2);
        assertThat(buffer.stats().deadLetteredChunks())
                .as("app.poison, long before max_retry_time")
                .isEqualTo(1);
        assertThat(clock.instant()).isBefore(Instant.parse("2026-11-22T00:05:00Z"));
        assertThat(failingAlone.bytes()).isZero();
    }

    @Test
    void inAnOutageWhereEveryChunkFailsNothingCountsAsFailingAlone() {
        output.script.add(new WriteResult.Retry("503"));
        output.script.add(new WriteResult.Retry("503"));
        FailingAlone failingAlone = new FailingAlone(1);
        RetrySchedule schedule =
                new RetrySchedule(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(8),
                        Duration.ofHours(24),
                        new SplittableRandom(5));
        OutputWorker w =
                new OutputWorker(
                        "out", buffer, output, schedule, clock, new DeliveryHealth(), failingAlone);
        w.runOnce();
        clock.advance(Duration.ofSeconds(10));
        w.runOnce();
        assertThat(buffer.stats().deadLetteredChunks()).isZero();
        assertThat(failingAlone.bytes()).isZero();
    }
}
