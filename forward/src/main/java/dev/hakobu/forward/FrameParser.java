package dev.hakobu.forward;

import dev.hakobu.event.LogSafe;
import dev.hakobu.event.Msgpack;
import dev.hakobu.event.MsgpackCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Parses one complete frame, whose element offsets {@link FrameScanner} found, into a request in PackedForward
 * form: Message, Forward, PackedForward and CompressedPackedForward. The only copies are the entries array (and
 * the inflated output); every entry byte is counted in the {@link MemoryBudget} from here on. One per connection;
 * runs on its event loop.
 */
final class FrameParser {
    private final FrameInflater inflater;
    private final RequestBuilder requests;
    private final MemoryBudget budget;
    private final boolean offLoop; // an inflater thread takes big frames

    FrameParser(
            FrameInflater inflater, RequestBuilder requests, MemoryBudget budget, boolean offLoop) {
        this.inflater = inflater;
        this.requests = requests;
        this.budget = budget;
        this.offLoop = offLoop;
    }

    /**
     * @return the {@link ForwardRequest}; an {@link OffLoopFrame} for the inflater thread (a compressed frame that
     *         inflates past the guess, or entries over {@link ForwardDecoder#VALIDATE_OFF_LOOP_BYTES}); or null
     *         when there is no memory to inflate it now (nothing was reserved)
     */
    Object parse(FrameScanner scanner, ByteBuf in, int base, int length) {
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
            options =
                    elements == 3
                            ? readOptions(in, base + scanner.start(2), base + length)
                            : Options.NONE;
            ByteBuf payload = in.slice(second + headerLength, secondEnd - second - headerLength);
            if (options.compressed() == null || Msgpack.isArray(b)) {
                entries = ByteBufUtil.getBytes(payload);
                budget.acquire(entries.length);
                if (offLoop && entries.length > ForwardDecoder.VALIDATE_OFF_LOOP_BYTES) {
                    return new OffLoopFrame(tag, options, entries, false);
                }
            } else {
                entries = inflater.inflate(options.compressed(), payload, !offLoop);
                if (entries == FrameInflater.TOO_BIG) {
                    return new OffLoopFrame(tag, options, ByteBufUtil.getBytes(payload), true);
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
        return requests.build(tag, options, entries);
    }

    private static void requireElements(int elements, int required, String tag, String mode) {
        if (elements != required && elements != required + 1) {
            throw new ForwardProtocolException(
                    "tag "
                            + LogSafe.escape(tag)
                            + ": a "
                            + mode
                            + " mode frame has "
                            + required
                            + " or "
                            + (required + 1)
                            + " elements, not "
                            + elements);
        }
    }

    private static String readString(ByteBuf in, int index) {
        int type = Msgpack.type(in.getUnsignedByte(index), index);
        int sizeBytes = Msgpack.sizeBytes(type);
        int length =
                sizeBytes == 0
                        ? Msgpack.fixedSize(type)
                        : sizeBytes == 1
                                ? in.getUnsignedByte(index + 1)
                                : sizeBytes == 2
                                        ? in.getUnsignedShort(index + 1)
                                        : (int) in.getUnsignedInt(index + 1);
        return in.toString(index + Msgpack.headerLength(type), length, StandardCharsets.UTF_8);
    }

    private static Options readOptions(ByteBuf in, int from, int to) {
        byte[] bytes = ByteBufUtil.getBytes(in, from, to - from);
        return Options.parse(new MsgpackCursor(bytes, 0, bytes.length));
    }
}
