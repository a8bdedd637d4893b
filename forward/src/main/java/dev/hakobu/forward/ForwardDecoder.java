package dev.hakobu.forward;

import dev.hakobu.event.MalformedEventsException;
import dev.hakobu.event.Msgpack;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decodes Forward protocol v1 frames (Message, Forward, PackedForward and CompressedPackedForward with gzip
 * or zstd) into {@link ForwardRequest}s in PackedForward form.
 *
 * <p>Frame boundaries come from {@link FrameScanner}, which resumes across reads and checks
 * {@code maxFrameBytes} as soon as a header reveals the size, before the bytes are buffered. A complete
 * frame is then parsed once ({@link FrameParser}); the only copies are the entries array (and the decompressed
 * output). This class owns the threads and the waiting: when the connection is read, when a frame goes to
 * the inflater threads ({@link OffLoopFrame}), and when it waits for memory.
 * A msgpack nil between frames is a heartbeat and is skipped.
 * Malformed input or a limit breach throws {@link ForwardProtocolException} and the decoder then discards
 * everything that follows, since the stream cannot be resynchronised; the handler closes the channel.
 *
 * <p>An entry whose time is well-formed msgpack but no usable time (another ext, NaN, 0, before 1970) gets the
 * arrival time and a {@code _time_error} field ({@link RequestBuilder}); the rest of the frame is not affected.
 *
 * <p>Where: a compressed frame is inflated on the event loop as far as the guess of its size (16 times its size,
 * at least 1 MiB: every ordinary chunk); one that inflates to more, a big chunk or a bomb, is inflated and
 * validated on the server's inflater threads instead, so it cannot hold the loop that serves other connections;
 * so is an uncompressed frame over {@value #VALIDATE_OFF_LOOP_BYTES} bytes, whose validation walks every byte.
 * Its connection is not read meanwhile, so requests keep their order.
 *
 * <p>Memory: every request's entries are counted in the server's {@link MemoryBudget} from here until the
 * handler sees its stage complete. A compressed frame is inflated only into bytes reserved first (a guess from
 * its size, then the full {@code maxDecompressedBytes} if the guess was short); when the budget has no room,
 * or is spent after a frame, the connection stops being read and the frame waits in the cumulation until
 * bytes are released. A connection holds at most one undecoded frame ({@code maxFrameBytes}) meanwhile.
 *
 * <p>Holds per-connection state: one instance per channel, never shared. Runs on the channel's event loop.
 */
public final class ForwardDecoder extends ByteToMessageDecoder {
    /** Uncompressed frames larger than this are validated off the event loop too (a walk over every byte). */
    static final int VALIDATE_OFF_LOOP_BYTES = 4 << 20;

    private final FrameScanner scanner;
    private final FrameInflater frameInflater;
    private final RequestBuilder requests;
    private final FrameParser parser;
    private final MemoryBudget budget;
    private final Executor
            inflater; // inflates and validates compressed frames off the event loop; null: inline
    private boolean failed;
    private boolean
            waiting; // for the budget: the next frame stays in the cumulation until resume()
    private long deferred =
            -1; // the length of a complete frame deferred for memory, so it is not scanned again

    /** Limits in bytes; a frame limit above 2 GiB is capped there, the largest a Java array holds. No memory budget. */
    public ForwardDecoder(long maxFrameBytes, long maxDecompressedBytes) {
        this(maxFrameBytes, maxDecompressedBytes, MemoryBudget.unlimited(), Clock.systemUTC());
    }

    ForwardDecoder(
            long maxFrameBytes, long maxDecompressedBytes, MemoryBudget budget, Clock clock) {
        this(maxFrameBytes, maxDecompressedBytes, budget, clock, null);
    }

    /** @param inflater where compressed frames are inflated and validated, so the event loop serves other connections */
    ForwardDecoder(
            long maxFrameBytes,
            long maxDecompressedBytes,
            MemoryBudget budget,
            Clock clock,
            Executor inflater) {
        this.scanner = new FrameScanner(Math.min(maxFrameBytes, Integer.MAX_VALUE - 8));
        this.frameInflater = new FrameInflater(maxDecompressedBytes, budget);
        this.requests = new RequestBuilder(budget, clock);
        this.parser = new FrameParser(frameInflater, requests, budget, inflater != null);
        this.budget = budget;
        this.inflater = inflater;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (waiting) {
            return;
        }
        long seen = budget.releases();
        try {
            while (deferred < 0
                    && scanner.atFrameStart()
                    && in.isReadable()
                    && in.getUnsignedByte(in.readerIndex()) == Msgpack.NIL) {
                in.skipBytes(1); // a heartbeat: in_forward ignores a nil message
            }
            long length = deferred >= 0 ? deferred : scanner.scan(in);
            if (length < 0) {
                return;
            }
            Object parsed = parser.parse(scanner, in, in.readerIndex(), (int) length);
            if (parsed == null) {
                deferred = length;
                waitForMemory(ctx, seen);
                return;
            }
            deferred = -1;
            if (parsed instanceof OffLoopFrame job) {
                in.skipBytes((int) length);
                scanner.reset();
                submit(ctx, job);
                return;
            }
            out.add(parsed);
            in.skipBytes((int) length);
            scanner.reset();
            if (budget.exhausted()) {
                waitForMemory(ctx, seen);
            }
        } catch (ForwardProtocolException | MalformedEventsException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw ForwardProtocolException.of(e);
        }
    }

    /** Stops reading this connection until the budget has room, then decodes what the cumulation holds. */
    private void waitForMemory(ChannelHandlerContext ctx, long seen) {
        waiting = true;
        ReadGate.of(ctx.channel()).close(ReadGate.MEMORY);
        budget.await(seen, () -> waitOver(ctx));
    }

    /** Called on whichever thread released memory: hops to this channel's event loop. */
    private void waitOver(ChannelHandlerContext ctx) {
        try {
            ctx.executor().execute(() -> resume(ctx));
        } catch (RejectedExecutionException e) {
            // the server is shutting down: this connection is being closed
        }
    }

    private void resume(ChannelHandlerContext ctx) {
        long seen = budget.releases();
        if (deferred < 0 && budget.exhausted()) {
            budget.await(
                    seen,
                    () -> waitOver(ctx)); // still spent: the release that woke us was not enough
            return;
        }
        waiting = false;
        ReadGate.of(ctx.channel()).open(ReadGate.MEMORY);
        if (ctx.channel().isActive() && !ctx.isRemoved()) {
            try {
                channelRead(ctx, Unpooled.EMPTY_BUFFER); // decodes the frame left in the cumulation
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }
    }

    /**
     * Inflates and validates {@code job} on the inflater; this connection is not read meanwhile (one frame at a
     * time per connection, so requests keep their order). The outcome comes back on the event loop.
     */
    private void submit(ChannelHandlerContext ctx, OffLoopFrame job) {
        waiting = true;
        ReadGate.of(ctx.channel()).close(ReadGate.INFLATING);
        try {
            inflater.execute(
                    () -> {
                        long seen = budget.releases();
                        Object outcome;
                        try {
                            outcome = job.finish(frameInflater, requests);
                        } catch (ForwardProtocolException | MalformedEventsException e) {
                            outcome = ForwardProtocolException.of(e);
                        } catch (
                                RuntimeException
                                        e) { // a bug, but one connection's: close it, keep the
                            // thread
                            outcome =
                                    new ForwardProtocolException(
                                            "finishing a frame failed: " + e, e);
                        }
                        Object result = outcome;
                        try {
                            ctx.executor().execute(() -> inflated(ctx, job, result, seen));
                        } catch (RejectedExecutionException e) {
                            if (result instanceof ForwardRequest r) {
                                budget.release(
                                        r.entries().length); // shutting down: nobody will store it
                            }
                        }
                    });
        } catch (RejectedExecutionException e) {
            // the server is shutting down: this connection is being closed
        }
    }

    /** On the event loop: hands the request on, waits for memory and tries again, or fails the connection. */
    private void inflated(ChannelHandlerContext ctx, OffLoopFrame job, Object outcome, long seen) {
        if (outcome instanceof ForwardProtocolException e) {
            failed = true;
            ctx.fireExceptionCaught(e);
            return;
        }
        if (outcome == null) {
            budget.await(
                    seen,
                    () -> {
                        try {
                            ctx.executor().execute(() -> submit(ctx, job));
                        } catch (RejectedExecutionException e) {
                            // shutting down
                        }
                    });
            return;
        }
        ForwardRequest request = (ForwardRequest) outcome;
        if (!ctx.channel().isActive() || ctx.isRemoved()) {
            budget.release(
                    request.entries()
                            .length); // closed meanwhile: unacked, so the client resends it
            return;
        }
        ctx.fireChannelRead(request);
        waiting = false;
        ReadGate.of(ctx.channel()).open(ReadGate.INFLATING);
        if (budget.exhausted()) {
            waitForMemory(ctx, budget.releases());
            return;
        }
        try {
            channelRead(ctx, Unpooled.EMPTY_BUFFER); // decodes what arrived meanwhile
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
        }
    }
}
