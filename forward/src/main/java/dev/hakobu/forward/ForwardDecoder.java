package dev.hakobu.forward;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryRepair;
import dev.hakobu.event.EntryVisitor;
import dev.hakobu.event.LogSafe;
import dev.hakobu.event.MalformedEventsException;
import dev.hakobu.event.Msgpack;
import dev.hakobu.event.MsgpackCursor;
import dev.hakobu.event.TimeSpan;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decodes Forward protocol v1 frames (Message, Forward, PackedForward and CompressedPackedForward with gzip
 * or zstd) into {@link ForwardRequest}s in PackedForward form.
 *
 * <p>Frame boundaries come from {@link FrameScanner}, which resumes across reads and checks
 * {@code maxFrameBytes} as soon as a header reveals the size, before the bytes are buffered. A complete
 * frame is then parsed once; the only copies are the entries array (and the decompressed output).
 * A msgpack nil between frames is a heartbeat and is skipped.
 * Malformed input or a limit breach throws {@link ForwardProtocolException} and the decoder then discards
 * everything that follows, since the stream cannot be resynchronised; the handler closes the channel.
 *
 * <p>An entry whose time is well-formed msgpack but no usable time (another ext, NaN, 0, before 1970) gets the
 * arrival time and a {@code _time_error} field ({@link EntryRepair}); the rest of the frame is not affected.
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
    /** The least reserved for inflating a frame before its output size is known. */
    private static final long MIN_RESERVATION = 1L << 20;
    /** The guess of the inflated size from the compressed one; log lines compress 5-15 times. */
    private static final long RATIO_GUESS = 16;

    private final FrameScanner scanner;
    private final Decompressor decompressor;
    private final MemoryBudget budget;
    private final Clock clock; // the arrival time, for entries whose own time is unusable
    private final Executor inflater; // inflates and validates compressed frames off the event loop; null: inline
    private boolean failed;
    private boolean waiting; // for the budget: the next frame stays in the cumulation until resume()
    private long deferred = -1; // the length of a complete frame deferred for memory, so it is not scanned again
    private boolean reserveAll; // the last guess was short: reserve maxDecompressedBytes for this frame

    /** Limits in bytes; a frame limit above 2 GiB is capped there, the largest a Java array holds. No memory budget. */
    public ForwardDecoder(long maxFrameBytes, long maxDecompressedBytes) {
        this(maxFrameBytes, maxDecompressedBytes, MemoryBudget.unlimited(), Clock.systemUTC());
    }

    ForwardDecoder(long maxFrameBytes, long maxDecompressedBytes, MemoryBudget budget, Clock clock) {
        this(maxFrameBytes, maxDecompressedBytes, budget, clock, null);
    }

    /** @param inflater where compressed frames are inflated and validated, so the event loop serves other connections */
    ForwardDecoder(long maxFrameBytes, long maxDecompressedBytes, MemoryBudget budget, Clock clock, Executor inflater) {
        this.scanner = new FrameScanner(Math.min(maxFrameBytes, Integer.MAX_VALUE - 8));
        this.decompressor = new Decompressor(maxDecompressedBytes);
        this.budget = budget;
        this.clock = clock;
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
            while (deferred < 0 && scanner.atFrameStart() && in.isReadable() && in.getUnsignedByte(in.readerIndex()) == Msgpack.NIL) {
                in.skipBytes(1); // a heartbeat: in_forward ignores a nil message
            }
            long length = deferred >= 0 ? deferred : scanner.scan(in);
            if (length < 0) {
                return;
            }
            Object parsed = parse(in, in.readerIndex(), (int) length);
            if (parsed == null) {
                deferred = length;
                waitForMemory(ctx, seen);
                return;
            }
            deferred = -1;
            if (parsed instanceof Compressed job) {
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
            budget.await(seen, () -> waitOver(ctx)); // still spent: the release that woke us was not enough
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

    /** {@link #inflate}'s answer for a frame that inflates past the guess, on the event loop with an inflater. */
    private static final byte[] TOO_BIG = new byte[0];

    /**
     * A frame to finish off the event loop: its tag, options and payload, either compressed as sent, or entries
     * already copied (and counted in the budget) that are only to be validated.
     */
    private record Compressed(String tag, Options options, byte[] payload, boolean compressed) {
    }

    /** Uncompressed frames larger than this are validated off the event loop too (a walk over every byte). */
    static final int VALIDATE_OFF_LOOP_BYTES = 4 << 20;

    /**
     * Inflates and validates {@code job} on the inflater; this connection is not read meanwhile (one frame at a
     * time per connection, so requests keep their order). The outcome comes back on the event loop.
     */
    private void submit(ChannelHandlerContext ctx, Compressed job) {
        waiting = true;
        ReadGate.of(ctx.channel()).close(ReadGate.INFLATING);
        try {
            inflater.execute(() -> {
                long seen = budget.releases();
                Object outcome;
                try {
                    byte[] entries = job.compressed()
                            ? inflate(job.options().compressed(), Unpooled.wrappedBuffer(job.payload()), true)
                            : job.payload();
                    outcome = entries == null ? null : request(job.tag(), job.options(), entries);
                } catch (ForwardProtocolException | MalformedEventsException e) {
                    outcome = ForwardProtocolException.of(e);
                } catch (RuntimeException e) { // a bug, but one connection's: close it, keep the thread
                    outcome = new ForwardProtocolException("finishing a frame failed: " + e, e);
                }
                Object result = outcome;
                try {
                    ctx.executor().execute(() -> inflated(ctx, job, result, seen));
                } catch (RejectedExecutionException e) {
                    if (result instanceof ForwardRequest r) {
                        budget.release(r.entries().length); // shutting down: nobody will store it
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // the server is shutting down: this connection is being closed
        }
    }

    /** On the event loop: hands the request on, waits for memory and tries again, or fails the connection. */
    private void inflated(ChannelHandlerContext ctx, Compressed job, Object outcome, long seen) {
        if (outcome instanceof ForwardProtocolException e) {
            failed = true;
            ctx.fireExceptionCaught(e);
            return;
        }
        if (outcome == null) {
            budget.await(seen, () -> {
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
            budget.release(request.entries().length); // closed meanwhile: unacked, so the client resends it
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

    /**
     * @return the request; a {@link Compressed} job when an inflater takes compressed frames; or null when there is
     *         no memory to inflate it now (nothing was reserved)
     */
    private Object parse(ByteBuf in, int base, int length) {
        int elements = scanner.elements();
        String tag = readString(in, base + scanner.start(0));
        int second = base + scanner.start(1);
        int secondEnd = base + (elements > 2 ? scanner.start(2) : length);
        int b = in.getUnsignedByte(second);
        int headerLength = Msgpack.headerLength(Msgpack.type(b, second - base));
        byte[] entries;
        Options options;
        if (Msgpack.isArray(b) || Msgpack.isBinary(b) || Msgpack.isString(b)) {
            requireElements(elements, 2, tag, Msgpack.isArray(b) ? "Forward" : "PackedForward");
            options = elements == 3 ? readOptions(in, base + scanner.start(2), base + length) : Options.NONE;
            ByteBuf payload = in.slice(second + headerLength, secondEnd - second - headerLength);
            if (options.compressed() == null || Msgpack.isArray(b)) {
                entries = ByteBufUtil.getBytes(payload);
                budget.acquire(entries.length);
                if (inflater != null && entries.length > VALIDATE_OFF_LOOP_BYTES) {
                    return new Compressed(tag, options, entries, false);
                }
            } else {
                entries = inflate(options.compressed(), payload, inflater == null);
                if (entries == TOO_BIG) {
                    return new Compressed(tag, options, ByteBufUtil.getBytes(payload), true);
                }
                if (entries == null) {
                    return null;
                }
            }
        } else {
            requireElements(elements, 3, tag, "Message");
            int recordEnd = base + (elements == 4 ? scanner.start(3) : length);
            options = elements == 4 ? readOptions(in, recordEnd, base + length) : Options.NONE;
            entries = new byte[1 + recordEnd - second];
            entries[0] = (byte) 0x92;
            in.getBytes(second, entries, 1, recordEnd - second);
            budget.acquire(entries.length);
        }
        return request(tag, options, entries);
    }

    /** Validates the entries (times repaired, bin made text) into a request; on failure releases their budget. */
    private ForwardRequest request(String tag, Options options, byte[] entries) {
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        EntryVisitor times = (nanos, buf, recordOffset, recordLength) -> {
            span[0] = Math.min(span[0], nanos);
            span[1] = Math.max(span[1], nanos);
        };
        int count;
        try {
            try {
                count = EntryReader.readFromPeer(entries, 0, entries.length, times);
            } catch (EntryReader.BadEventTime e) {
                byte[] repaired = EntryRepair.withArrivalTime(entries, arrivalNanos());
                budget.acquire(repaired.length);
                budget.release(entries.length);
                entries = repaired;
                span[0] = Long.MAX_VALUE;
                span[1] = Long.MIN_VALUE;
                count = EntryReader.readFromPeer(entries, 0, entries.length, times);
            }
        } catch (ForwardProtocolException | MalformedEventsException e) {
            budget.release(entries.length);
            throw new ForwardProtocolException("tag " + LogSafe.escape(tag) + ": bad entries: " + e.getMessage(), e);
        }
        return new ForwardRequest(tag, entries, count, options.chunk(),
                count == 0 ? TimeSpan.UNKNOWN : new TimeSpan(span[0], span[1]));
    }

    private long arrivalNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Inflates into reserved memory: a guess first, all of {@code maxDecompressedBytes} if the guess was short.
     * Keeps the output's size reserved (the handler releases it).
     *
     * @param beyondTheGuess whether to go on past the guess here; if not, a frame that inflates to more than the
     *                       guess (a few MiB at most: 16 times its size) returns {@link #TOO_BIG}, for the inflater
     * @return the entries, or null if the budget cannot give the reservation now
     */
    private byte[] inflate(String compression, ByteBuf payload, boolean beyondTheGuess) {
        long max = decompressor.maxBytes();
        long want = reserveAll ? max : Math.min(max, Math.max(MIN_RESERVATION, RATIO_GUESS * payload.readableBytes()));
        if (!budget.tryAcquire(want)) {
            return null;
        }
        byte[] entries;
        try {
            entries = decompressor.decompress(compression, payload, want);
        } catch (Decompressor.OverReservation e) {
            budget.release(want);
            reserveAll = true;
            return beyondTheGuess ? inflate(compression, payload, true) : TOO_BIG;
        } catch (RuntimeException e) {
            budget.release(want);
            throw e;
        }
        reserveAll = false;
        budget.release(want - entries.length);
        return entries;
    }

    private static void requireElements(int elements, int required, String tag, String mode) {
        if (elements != required && elements != required + 1) {
            throw new ForwardProtocolException("tag " + LogSafe.escape(tag) + ": a " + mode + " mode frame has " + required + " or "
                    + (required + 1) + " elements, not " + elements);
        }
    }

    private static String readString(ByteBuf in, int index) {
        int type = Msgpack.type(in.getUnsignedByte(index), index);
        int sizeBytes = Msgpack.sizeBytes(type);
        int length = sizeBytes == 0 ? Msgpack.fixedSize(type)
                : sizeBytes == 1 ? in.getUnsignedByte(index + 1)
                : sizeBytes == 2 ? in.getUnsignedShort(index + 1) : (int) in.getUnsignedInt(index + 1);
        return in.toString(index + Msgpack.headerLength(type), length, StandardCharsets.UTF_8);
    }

    private static Options readOptions(ByteBuf in, int from, int to) {
        byte[] bytes = ByteBufUtil.getBytes(in, from, to - from);
        return Options.parse(new MsgpackCursor(bytes, 0, bytes.length));
    }
}
