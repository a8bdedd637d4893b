package dev.hakobu.event;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads MessagePack from a byte array range without allocating (except for strings it returns). Any
 * truncated or unexpected value throws {@link MalformedEventsException} naming the offset. Not thread-safe.
 *
 * <p>The project's reader of msgpack in byte arrays: entries ({@link EntryReader}), fields
 * ({@link RecordFields}), options, and the skip of every other walker ({@link #valueEnd}). The others, and why
 * they are not this: {@code FrameScanner} (forward) resumes over a Netty buffer that holds part of a frame, so it
 * keeps its position between reads where this throws at the end; {@code MsgpackToJson} writes a JSON token per
 * header in the output workers' hottest loop; {@link BinaryText} rewrites bytes in place and must know, per
 * nesting level, whether a value is a map key; {@link MsgpackReader} builds Java objects for the masker on
 * msgpack-core. All of them take header lengths from the one table in {@link Msgpack}.
 */
public final class MsgpackCursor {
    private final byte[] buf;
    private final int end;
    private int pos;
    private long
            size; // size of the header read last: payload length, element count or map entry count
    private boolean sawBinary; // skipValue passed a bin value since the last takeSawBinary()

    public MsgpackCursor(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    boolean hasRemaining() {
        return pos < end;
    }

    int position() {
        return pos;
    }

    public int peek() {
        require(1);
        return buf[pos] & 0xff;
    }

    int readArrayHeader() {
        int b = header();
        if (!Msgpack.isArray(b)) {
            throw unexpected("an array", b);
        }
        return count(1);
    }

    public int readMapHeader() {
        int b = header();
        if (!Msgpack.isMap(b)) {
            throw unexpected("a map", b);
        }
        return count(2);
    }

    public String readString() {
        int b = header();
        if (!Msgpack.isText(b)) {
            throw unexpected("a string", b);
        }
        int n = payload();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Reads a string header and returns the payload length; the cursor stays at the payload. */
    int readStringHeader() {
        int b = header();
        if (!Msgpack.isText(b)) {
            throw unexpected("a string", b);
        }
        return payload();
    }

    void seek(int position) {
        pos = position;
    }

    void skipBytes(int n) {
        require(n);
        pos += n;
    }

    public boolean tryReadNil() {
        if (peek() == 0xc0) {
            pos++;
            return true;
        }
        return false;
    }

    public long readLong() {
        int b = peek();
        if (b <= 0x7f || b >= 0xe0) {
            pos++;
            return (byte) b;
        }
        int n =
                switch (b) {
                    case 0xcc, 0xd0 -> 1;
                    case 0xcd, 0xd1 -> 2;
                    case 0xce, 0xd2 -> 4;
                    case 0xcf, 0xd3 -> 8;
                    default -> throw unexpected("an integer", b);
                };
        require(1 + n);
        long v = Msgpack.bigEndian(buf, pos + 1, n);
        boolean signed = b >= 0xd0;
        if (signed && n < 8) {
            v = v << (64 - 8 * n) >> (64 - 8 * n);
        } else if (!signed && n == 8 && v < 0) {
            throw new MalformedEventsException(
                    "integer at offset " + pos + " does not fit in 64 bits");
        }
        pos += 1 + n;
        return v;
    }

    double readDouble() {
        int b = peek();
        if (b == 0xca) {
            require(5);
            float f = Float.intBitsToFloat((int) Msgpack.bigEndian(buf, pos + 1, 4));
            pos += 5;
            return f;
        }
        if (b == 0xcb) {
            require(9);
            double d = Double.longBitsToDouble(Msgpack.bigEndian(buf, pos + 1, 8));
            pos += 9;
            return d;
        }
        throw unexpected("a float", b);
    }

    /** Reads an EventTime ext (type 0, 8 bytes) and returns its epoch nanoseconds. */
    long readEventTime() {
        int b = peek();
        int headerLength = b == 0xd7 ? 2 : b == 0xc7 ? 3 : -1;
        require(Math.max(headerLength, 1) + 8);
        if (headerLength < 0
                || (b == 0xc7 && buf[pos + 1] != 8)
                || buf[pos + headerLength - 1] != EventTime.EXT_TYPE) {
            throw unexpected("an EventTime (ext type 0, 8 bytes)", b);
        }
        long nanos = EventTime.decode(buf, pos + headerLength);
        pos += headerLength + 8;
        return nanos;
    }

    /**
     * Skips one complete value, however deeply nested, without recursion. Scalars whose first byte
     * gives their whole length, str8/bin8 and small maps and arrays take a table-driven fast path:
     * every stage of the aggregator walks records this way, so this loop was its hottest code. Bounds
     * are checked before each header is read and once at the end, so no byte past the range is read.
     */
    public void skipValue() {
        long remaining = 1;
        while (remaining-- > 0) {
            if (pos >= end) {
                throw truncated();
            }
            int b = buf[pos] & 0xff;
            int whole = Msgpack.wholeLength(b);
            if (whole > 0) {
                pos += whole;
            } else if (b == 0xd9 || b == 0xc4) {
                if (end - pos < 2) {
                    throw truncated();
                }
                sawBinary |= b == 0xc4;
                pos += 2 + (buf[pos + 1] & 0xff);
            } else if ((b & 0xf0) == 0x80) {
                remaining += 2 * (b & 0x0f);
                pos++;
            } else if ((b & 0xf0) == 0x90) {
                remaining += b & 0x0f;
                pos++;
            } else {
                int type = Msgpack.type(b, pos);
                header();
                switch (Msgpack.kind(type)) {
                    case Msgpack.ARRAY -> remaining += size;
                    case Msgpack.MAP -> remaining += 2 * size;
                    default -> {
                        sawBinary |= Msgpack.isBinary(b);
                        pos += payload();
                    }
                }
            }
        }
        if (pos > end) {
            throw truncated();
        }
    }

    /**
     * The offset just after the one value that starts at {@code buf[off]} and must end by {@code end}: the skip for
     * readers that walk msgpack themselves (the JSON transcoder), so there is one bounds-checked skip.
     *
     * @throws MalformedEventsException if the value is truncated or malformed
     */
    public static int valueEnd(byte[] buf, int off, int end) {
        MsgpackCursor cursor = new MsgpackCursor(buf, off, end - off);
        cursor.skipValue();
        return cursor.pos;
    }

    /** Whether {@link #skipValue} passed a msgpack bin value since the last call; clears the flag. */
    boolean takeSawBinary() {
        boolean saw = sawBinary;
        sawBinary = false;
        return saw;
    }

    public MalformedEventsException unexpected(String expected, int b) {
        return new MalformedEventsException(
                String.format("expected %s at offset %d, found byte 0x%02x", expected, pos, b));
    }

    /** Reads the header at pos, leaves its size in {@link #size}, returns the first byte. */
    private int header() {
        int b = peek();
        int type = Msgpack.type(b, pos);
        int headerLength = Msgpack.headerLength(type);
        require(headerLength);
        int sizeBytes = Msgpack.sizeBytes(type);
        size =
                sizeBytes == 0
                        ? Msgpack.fixedSize(type)
                        : Msgpack.bigEndian(buf, pos + 1, sizeBytes);
        pos += headerLength;
        return b;
    }

    private int payload() {
        if (size > end - pos) {
            throw truncated();
        }
        return (int) size;
    }

    /** Every element takes at least one byte, so a count beyond the bytes left is corrupt input. */
    private int count(int valuesPerElement) {
        if (size * valuesPerElement > end - pos) {
            throw truncated();
        }
        return (int) size;
    }

    private void require(int n) {
        if (end - pos < n) {
            throw truncated();
        }
    }

    private MalformedEventsException truncated() {
        return new MalformedEventsException("truncated msgpack value at offset " + pos);
    }
}
