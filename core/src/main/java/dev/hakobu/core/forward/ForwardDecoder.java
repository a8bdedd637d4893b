package dev.hakobu.core.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
 * <p>Holds per-connection state: one instance per channel, never shared. Runs on the channel's event loop.
 */
public final class ForwardDecoder extends ByteToMessageDecoder {
    private final FrameScanner scanner;
    private final Decompressor decompressor;
    private boolean failed;

    /** Limits in bytes; a frame limit above 2 GiB is capped there, the largest a Java array holds. */
    public ForwardDecoder(long maxFrameBytes, long maxDecompressedBytes) {
        this.scanner = new FrameScanner(Math.min(maxFrameBytes, Integer.MAX_VALUE - 8));
        this.decompressor = new Decompressor(maxDecompressedBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (scanner.atFrameStart() && in.isReadable() && in.getUnsignedByte(in.readerIndex()) == Msgpack.NIL) {
                in.skipBytes(1); // a heartbeat: in_forward ignores a nil message
            }
            long length = scanner.scan(in);
            if (length < 0) {
                return;
            }
            out.add(parse(in, in.readerIndex(), (int) length));
            in.skipBytes((int) length);
            scanner.reset();
        } catch (ForwardProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private ForwardRequest parse(ByteBuf in, int base, int length) {
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
            entries = options.compressed() == null || Msgpack.isArray(b)
                    ? ByteBufUtil.getBytes(payload)
                    : decompressor.decompress(options.compressed(), payload);
        } else {
            requireElements(elements, 3, tag, "Message");
            int recordEnd = base + (elements == 4 ? scanner.start(3) : length);
            options = elements == 4 ? readOptions(in, recordEnd, base + length) : Options.NONE;
            entries = new byte[1 + recordEnd - second];
            entries[0] = (byte) 0x92;
            in.getBytes(second, entries, 1, recordEnd - second);
        }
        int count;
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        try {
            count = EntryReader.readFromPeer(entries, 0, entries.length, (nanos, buf, recordOffset, recordLength) -> {
                span[0] = Math.min(span[0], nanos);
                span[1] = Math.max(span[1], nanos);
            });
        } catch (ForwardProtocolException e) {
            throw new ForwardProtocolException("tag " + LogSafe.escape(tag) + ": bad entries: " + e.getMessage(), e);
        }
        TimeSpan times = count == 0 ? TimeSpan.UNKNOWN : new TimeSpan(span[0], span[1]);
        return new ForwardRequest(tag, entries, count, options.chunk(), times);
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
