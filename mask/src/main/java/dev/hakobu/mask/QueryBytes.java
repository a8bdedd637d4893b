package dev.hakobu.mask;

import dev.hakobu.event.GrowableOutput;
import java.nio.charset.StandardCharsets;

/**
 * The common case of {@link ParamText#mask} on a msgpack string's UTF-8 bytes, writing the masked msgpack
 * string: the query-parameter rule (story S1's {@code parameter} field) runs on most records, and decoding
 * each value into a String, splitting it and packing it again was most of the masking cost.
 *
 * <p>It takes only values it can prove it reads exactly as the full path does: {@code name=value} pairs
 * joined by {@code &}, with no byte the full path treats specially ({@code % + ; ? # [ \ " ' {}, space
 * or control characters), names of ASCII bytes, and no other parameter's value spelling a masked name
 * (which the full path would read as a nested query). Anything else goes back to the caller, which
 * decodes. One pass, one table lookup per byte. {@code QueryBytesTest} holds the two paths to the same
 * output. Not thread-safe (one per thread).
 */
final class QueryBytes {
    /** Nothing written: the caller must take the decoding path. */
    static final int DECODE = -1;

    /** Nothing written: the value is unchanged and may be copied as it is. */
    static final int UNCHANGED = 0;

    /** The masked string was written. */
    static final int WRITTEN = 1;

    /** Byte classes: one table lookup per byte decides (most bytes are {@link #PLAIN}). */
    private static final byte PLAIN = 0;

    private static final byte SPECIAL = 1;
    private static final byte AMP = 2;
    private static final byte EQ = 3;
    private static final byte NON_ASCII = 4;

    /** The first letter of a masked name, in either case: a value holding one may spell the name. */
    private static final byte NAME_START = 5;

    /** The byte classes for these lower-case ASCII names, none empty (kept by {@link ParamNames}). */
    static byte[] classes(byte[][] names) {
        byte[] c = new byte[256];
        for (int b = 0; b <= 0x20; b++) {
            c[b] = SPECIAL;
        }
        for (char x : "%+;?#[\\\"'{\u007f".toCharArray()) {
            c[x] = SPECIAL;
        }
        for (int b = 0x80; b < 256; b++) {
            c[b] = NON_ASCII;
        }
        for (byte[] name : names) {
            for (int first : new int[] {name[0], Character.toUpperCase(name[0])}) {
                c[first] = c[first] == PLAIN ? NAME_START : c[first];
            }
        }
        c['&'] = AMP;
        c['='] = EQ;
        return c;
    }

    private final GrowableOutput scratch = new GrowableOutput(512);

    /** @param names with {@link ParamNames#byteClasses} */
    int mask(
            byte[] in,
            int valueOff,
            int valueEnd,
            ParamNames names,
            ValueTransform transform,
            GrowableOutput out) {
        int b = in[valueOff] & 0xff;
        int header;
        int length;
        if (b >= 0xa0 && b <= 0xbf) {
            header = 1;
            length = b & 0x1f;
        } else if (b == 0xd9 || b == 0xda || b == 0xdb) {
            header = 1 << (b - 0xd9 + 1) >> 1; // 1, 2 or 4 length bytes
            length = 0;
            for (int i = 1; i <= header; i++) {
                length = length << 8 | (in[valueOff + i] & 0xff);
            }
            header++;
        } else {
            return DECODE;
        }
        int start = valueOff + header;
        if (start + length != valueEnd) {
            return DECODE;
        }
        scratch.reset();
        int result = maskPairs(in, start, valueEnd, names, transform);
        if (result == WRITTEN) {
            writeString(out, scratch.array(), scratch.size());
        }
        return result;
    }

    /**
     * {@link QueryString#mask} for '&'-joined pairs, in one pass that gives up at the first special byte;
     * writes into {@code scratch} only when something changed.
     */
    private int maskPairs(
            byte[] in, int from, int end, ParamNames names, ValueTransform transform) {
        byte[] cls = names.byteClasses();
        boolean changed = false;
        int copied = from;
        int i = from;
        while (i <= end) {
            int eq = i;
            byte c = PLAIN;
            for (; eq < end; eq++) {
                c = cls[in[eq] & 0xff];
                if (c == AMP || c == EQ) {
                    break;
                }
                if (c == SPECIAL || c == NON_ASCII) {
                    return DECODE; // a non-ASCII name may hold whitespace the full path trims
                }
            }
            if (eq == end || c == AMP) {
                i = eq + 1; // a bare name
                continue;
            }
            boolean mayNest = false;
            int amp = eq + 1;
            for (; amp < end; amp++) {
                c = cls[in[amp] & 0xff];
                if (c == AMP) {
                    break;
                }
                if (c == SPECIAL) {
                    return DECODE;
                }
                mayNest |= c == NAME_START;
            }
            int valueEnd = amp;
            if (!names.isNameBytes(in, i, eq)) {
                if (mayNest && names.spelledIn(in, eq + 1, amp)) {
                    return DECODE; // the full path reads it as a nested query
                }
            } else {
                valueEnd = secretValueEnd(cls, in, amp, end);
                if (valueEnd < 0) {
                    return DECODE;
                }
                if (transform.removes()) {
                    boolean afterSeparator = i > copied && in[i - 1] == '&';
                    scratch.write(in, copied, (afterSeparator ? i - 1 : i) - copied);
                    copied = afterSeparator || valueEnd == end ? valueEnd : valueEnd + 1;
                    changed = true;
                } else {
                    String value =
                            new String(in, eq + 1, valueEnd - eq - 1, StandardCharsets.UTF_8);
                    String masked = transform.apply(value);
                    if (!masked.equals(value)) {
                        scratch.write(in, copied, eq + 1 - copied);
                        byte[] m = masked.getBytes(StandardCharsets.UTF_8);
                        scratch.write(m, 0, m.length);
                        copied = valueEnd;
                        changed = true;
                    }
                }
            }
            i = valueEnd + 1;
        }
        if (!changed) {
            return UNCHANGED;
        }
        scratch.write(in, copied, end - copied);
        return WRITTEN;
    }

    /**
     * {@link QueryString#secretValueEnd} with '&' the only separator, from the first '&' after the value
     * ({@code sep}); -1 when a segment it takes holds a special byte.
     */
    private static int secretValueEnd(byte[] cls, byte[] in, int sep, int end) {
        while (sep < end) {
            int k = sep + 1;
            for (; k < end; k++) {
                byte c = cls[in[k] & 0xff];
                if (c == AMP) {
                    break;
                }
                if (c == EQ) {
                    return sep;
                }
                if (c == SPECIAL) {
                    return -1;
                }
            }
            sep = k;
        }
        return sep;
    }

    private static void writeString(GrowableOutput out, byte[] s, int len) {
        if (len < 32) {
            out.writeByte(0xa0 | len);
        } else if (len < 256) {
            out.writeByte(0xd9);
            out.writeByte(len);
        } else if (len < 65536) {
            out.writeByte(0xda);
            out.writeByte(len >>> 8);
            out.writeByte(len);
        } else {
            out.writeByte(0xdb);
            out.writeByte(len >>> 24);
            out.writeByte(len >>> 16);
            out.writeByte(len >>> 8);
            out.writeByte(len);
        }
        out.write(s, 0, len);
    }
}
