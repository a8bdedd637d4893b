package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The server's memory budget through a real decoder and handler on embedded channels: a connection whose frame
 * does not fit waits, unread, until another connection's request is stored; nothing is refused or lost.
 */
class MemoryBudgetTest {
    private static final long MIB = 1 << 20;
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private final List<ForwardRequest> received = new ArrayList<>();
    private final ForwardServerStats stats = new ForwardServerStats();

    private EmbeddedChannel connection(MemoryBudget budget) {
        return connection(budget, null);
    }

    /** A decoder and handler sharing {@code budget}; requests are recorded and held until the test completes them. */
    private EmbeddedChannel connection(MemoryBudget budget, Executor inflater) {
        return new EmbeddedChannel(
                new ForwardDecoder(64 * MIB, 8 * MIB, budget, Clock.systemUTC(), inflater),
                new ForwardServerHandler(
                        request -> {
                            received.add(request);
                            CompletableFuture<Void> stored = new CompletableFuture<>();
                            held.add(stored);
                            return stored;
                        },
                        8,
                        stats,
                        budget));
    }

    @Test
    void aCompressedFrameThatDoesNotFitWaitsUnreadUntilAnotherConnectionsRequestIsStored() {
        MemoryBudget budget = new MemoryBudget(2 * MIB);
        EmbeddedChannel first = connection(budget);
        EmbeddedChannel second = connection(budget);
        byte[] big = Frames.entries(0, 40_000); // about 1.3 MiB
        first.writeInbound(Unpooled.wrappedBuffer(Frames.packedForward("t", big, "c1", null)));
        assertThat(received).hasSize(1);
        assertThat(budget.used()).isEqualTo(big.length);

        second.writeInbound(
                Unpooled.wrappedBuffer(Frames.packedForward("t", Frames.gzip(big), "c2", "gzip")));
        assertThat(received).as("the inflation must wait for memory").hasSize(1);
        assertThat(second.config().isAutoRead()).isFalse();
        assertThat(budget.used()).isEqualTo(big.length);

        held.get(0).complete(null);
        first.runPendingTasks();
        second.runPendingTasks();

        assertThat(received).hasSize(2);
        assertThat(received.get(1).entries()).isEqualTo(big);
        assertThat(second.config().isAutoRead()).isTrue();
        held.get(1).complete(null);
        second.runPendingTasks();
        assertThat(budget.used()).isZero();
        assertThat(acks(first)).containsExactly("c1");
        assertThat(acks(second)).containsExactly("c2");
    }

    @Test
    void aFrameLargerThanTheWholeBudgetStillGoesThroughWhenNothingElseIsHeld() {
        MemoryBudget budget = new MemoryBudget(MIB / 2);
        EmbeddedChannel channel = connection(budget);
        byte[] big = Frames.entries(0, 40_000);
        channel.writeInbound(
                Unpooled.wrappedBuffer(Frames.packedForward("t", Frames.gzip(big), "c1", "gzip")));

        assertThat(received).hasSize(1);
        assertThat(budget.used()).isEqualTo(big.length);
        assertThat(channel.config().isAutoRead()).as("the budget is spent: stop reading").isFalse();
        held.get(0).complete(null);
        channel.runPendingTasks();
        assertThat(budget.used()).isZero();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void framesPipelinedBehindAWaitingOneAreDecodedInOrderOnceMemoryIsFree() {
        MemoryBudget budget = new MemoryBudget(2 * MIB);
        EmbeddedChannel channel = connection(budget);
        byte[] big = Frames.entries(0, 40_000);
        byte[] small = Frames.entries(0, 10);
        channel.writeInbound(
                Unpooled.wrappedBuffer(
                        Frames.concat(
                                Frames.packedForward("t", big, "c1", null),
                                Frames.packedForward("t", Frames.gzip(big), "c2", "gzip"),
                                Frames.packedForward("t", small, "c3", null))));
        assertThat(received).extracting(ForwardRequest::chunk).containsExactly("c1");

        held.get(0).complete(null);
        channel.runPendingTasks();

        assertThat(received).extracting(ForwardRequest::chunk).containsExactly("c1", "c2", "c3");
        held.forEach(f -> f.complete(null));
        channel.runPendingTasks();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aCorruptFrameReleasesWhatItReserved() {
        MemoryBudget budget = new MemoryBudget(2 * MIB);
        EmbeddedChannel channel = connection(budget);
        byte[] notGzip = new byte[1000];
        try {
            channel.writeInbound(
                    Unpooled.wrappedBuffer(Frames.packedForward("t", notGzip, "c1", "gzip")));
        } catch (RuntimeException expected) {
            // the handler closes the connection; the exception surfaces through the embedded
            // channel
        }
        assertThat(budget.used()).isZero();
    }

    private static List<String> acks(EmbeddedChannel channel) {
        List<String> acks = new ArrayList<>();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(ByteBufUtil.getBytes(b))) {
                acks.add(Acks.read(u));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                b.release();
            }
        }
        return acks;
    }

    /**
     * With an inflater, a compressed frame that inflates past the guess of its size (here: 40,000 identical-ish
     * entries, a ratio above 16) is inflated there, under the same budget; ordinary ones stay on the loop; order
     * per connection is kept. The inflater's jobs run when the test says (an embedded loop is not thread-safe).
     */
    @Test
    void framesThatInflateFarPastTheirSizeGoToTheInflaterInOrderAndUnderTheBudget() {
        MemoryBudget budget = new MemoryBudget(4 * MIB);
        Queue<Runnable> jobs = new ArrayDeque<>();
        EmbeddedChannel channel = connection(budget, jobs::add);
        byte[] bomb =
                Frames.repeat(
                        Frames.entries(0, 1),
                        100_000); // ~3.5 MB of one entry: gzip shrinks it ~1000x
        byte[] small = Frames.entries(0, 10);
        channel.writeInbound(
                Unpooled.wrappedBuffer(
                        Frames.concat(
                                Frames.packedForward("t", Frames.gzip(small), "c1", "gzip"),
                                Frames.packedForward("t", Frames.gzip(bomb), "c2", "gzip"),
                                Frames.packedForward("t", small, "c3", null))));
        assertThat(received)
                .as("c1 inflated on the loop; c2 waits for the inflater, c3 behind it")
                .extracting(ForwardRequest::chunk)
                .containsExactly("c1");
        assertThat(channel.config().isAutoRead()).isFalse();

        held.get(0)
                .complete(null); // nothing held: the job may reserve all of max_decompressed_bytes
        int ran = run(jobs, channel);
        assertThat(ran).isPositive();
        assertThat(received).extracting(ForwardRequest::chunk).containsExactly("c1", "c2", "c3");
        assertThat(received.get(1).entries()).isEqualTo(bomb);
        held.forEach(f -> f.complete(null));
        channel.runPendingTasks();
        assertThat(budget.used()).isZero();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(acks(channel)).containsExactlyInAnyOrder("c1", "c2", "c3");
    }

    @Test
    void aLargeUncompressedFrameIsValidatedByTheInflaterAndTheFramesBehindItWait() {
        MemoryBudget budget = new MemoryBudget(64 * MIB);
        Queue<Runnable> jobs = new ArrayDeque<>();
        EmbeddedChannel channel = connection(budget, jobs::add);
        byte[] large = Frames.entries(0, 200_000);
        assertThat(large.length).isGreaterThan(ForwardDecoder.VALIDATE_OFF_LOOP_BYTES);
        byte[] small = Frames.entries(0, 10);
        channel.writeInbound(
                Unpooled.wrappedBuffer(
                        Frames.concat(
                                Frames.packedForward("t", large, "c1", null),
                                Frames.packedForward("t", small, "c2", null))));
        assertThat(received).isEmpty();
        assertThat(jobs).hasSize(1);

        run(jobs, channel);
        assertThat(received).extracting(ForwardRequest::chunk).containsExactly("c1", "c2");
        assertThat(received.get(0).entries()).isEqualTo(large);
        assertThat(received.get(0).count()).isEqualTo(200_000);
        held.forEach(f -> f.complete(null));
        channel.runPendingTasks();
        assertThat(budget.used()).isZero();
    }

    /** Runs the inflater's jobs and the loop's tasks until neither has any; returns how many jobs ran. */
    private static int run(Queue<Runnable> jobs, EmbeddedChannel channel) {
        int ran = 0;
        channel.runPendingTasks();
        for (Runnable job = jobs.poll(); job != null; job = jobs.poll()) {
            job.run();
            ran++;
            channel.runPendingTasks();
        }
        return ran;
    }
}
