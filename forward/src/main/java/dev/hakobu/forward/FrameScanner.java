package dev.hakobu.forward;

import dev.hakobu.event.Msgpack;
import io.netty.buffer.ByteBuf;

/**
 * Finds where one forward frame ends in a cumulation buffer whose reader index stays at the frame start.
 * Resumes where the previous call stopped, so a frame arriving in many reads is scanned once in total;
 * string, binary and ext payloads are skipped by their header length without being looked at. Also
 * records where each top-level element starts, for {@link ForwardDecoder} to parse the complete frame.
 * One per channel; not thread-safe.
 *
 * <p>Why not {@code MsgpackCursor}: the cursor reads a byte array that holds whole values and throws when one
 * ends early; here the frame is still arriving, so a short read is "call again", and the position must survive
 * between reads. Both take header lengths from {@link Msgpack}'s table.
 */
final class FrameScanner {
    private final long maxFrameBytes;
    private final int[] starts = new int[4];
    private int elements = -1; // in the outer array; -1 until its header was read
    private int started; // top-level elements whose first byte has been reached
    private long remaining; // values left to skip in the current top-level element
    private long
            pos; // offset from the frame start of the next header; may run past the readable bytes

    FrameScanner(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * @return the frame length once all of it is readable, or -1 to be called again when more arrived
     * @throws ForwardProtocolException if the bytes cannot start a forward frame or the frame is too large
     */
    long scan(ByteBuf in) {
        int base = in.readerIndex();
        int readable = in.readableBytes();
        if (elements < 0 && !readOuterHeader(in, base, readable)) {
            return -1;
        }
        while (true) {
            if (remaining == 0) {
                if (started == elements) {
                    return pos <= readable ? pos : -1;
                }
                starts[started++] = (int) pos;
                remaining = 1;
            }
            if (pos >= readable) {
                return -1;
            }
            int b = in.getUnsignedByte(base + (int) pos);
            int type = Msgpack.type(b, pos);
            int headerLength = Msgpack.headerLength(type);
            if (pos + headerLength > readable) {
                return -1;
            }
            if (started == 1 && pos == starts[0] && !Msgpack.isText(b)) {
                throw new ForwardProtocolException(
                        String.format("the tag must be a string, found byte 0x%02x", b));
            }
            int sizeBytes = Msgpack.sizeBytes(type);
            long size =
                    sizeBytes == 0
                            ? Msgpack.fixedSize(type)
                            : unsigned(in, base + (int) pos + 1, sizeBytes);
            remaining--;
            pos += headerLength;
            switch (Msgpack.kind(type)) {
                case Msgpack.ARRAY -> remaining += size;
                case Msgpack.MAP -> remaining += 2 * size;
                default -> pos += size;
            }
            if (pos > maxFrameBytes) {
                throw new ForwardProtocolException(
                        "frame is larger than max_frame_bytes ("
                                + maxFrameBytes
                                + "): at least "
                                + pos
                                + " bytes");
            }
        }
    }

    /** True before the first byte of a frame was looked at. */
    boolean atFrameStart() {
        return elements < 0;
    }

    /** Top-level elements of the scanned frame: 2 to 4. */
    int elements() {
        return elements;
    }

    /** Offset from the frame start where top-level element {@code i} begins. */
    int start(int i) {
        return starts[i];
    }

    void reset() {
        elements = -1;
        started = 0;
        remaining = 0;
        pos = 0;
    }

    private boolean readOuterHeader(ByteBuf in, int base, int readable) {
        if (readable < 1) {
            return false;
        }
        int b = in.getUnsignedByte(base);
        int headerLength = (b & 0xf0) == 0x90 ? 1 : b == 0xdc ? 3 : b == 0xdd ? 5 : -1;
        if (headerLength < 0) {
            throw new ForwardProtocolException(
                    String.format(
                            "not a forward frame: it starts with byte 0x%02x where an array was expected",
                            b));
        }
        if (readable < headerLength) {
            return false;
        }
        long n = headerLength == 1 ? b & 0x0f : unsigned(in, base + 1, headerLength - 1);
        if (n < 2 || n > 4) {
            throw new ForwardProtocolException(
                    "not a forward frame: an array of " + n + " elements, expected 2 to 4");
        }
        elements = (int) n;
        pos = headerLength;
        return true;
    }

    private static long unsigned(ByteBuf in, int index, int n) {
        return switch (n) {
            case 1 -> in.getUnsignedByte(index);
            case 2 -> in.getUnsignedShort(index);
            default -> in.getUnsignedInt(index);
        };
    }
}
