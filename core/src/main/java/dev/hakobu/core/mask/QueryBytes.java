package dev.hakobu.core.mask;

import dev.hakobu.core.msgpack.GrowableOutput;
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
 * decodes. {@code QueryBytesTest} holds the two paths to the same output. Not thread-safe (one per thread).
 */
final class QueryBytes {
    /** Nothing written: the caller must take the decoding path. */
    static final int DECODE = -1;
    /** Nothing written: the value is unchanged and may be copied as it is. */
    static final int UNCHANGED = 0;
    /** The masked string was written. */
    static final int WRITTEN = 1;
    private static final boolean[] SPECIAL = new boolean[256];

    static {
        for (int b = 0; b <= 0x20; b++) {
            SPECIAL[b] = true;
        }
        for (char c : "%+;?#[\\\"'{\u007f".toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    private final GrowableOutput scratch = new GrowableOutput(512);

    /** @param names with {@link ParamNames#asciiBytes} */
    int mask(byte[] in, int valueOff, int valueEnd, ParamNames names, ValueTransform transform, GrowableOutput out) {
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
        for (int i = start; i < valueEnd; i++) {
            if (SPECIAL[in[i] & 0xff]) {
                return DECODE;
            }
        }
        if (!names.spelledIn(in, start, valueEnd)) {
            return UNCHANGED;
        }
        scratch.reset();
        int result = maskPairs(in, start, valueEnd, names, transform);
        if (result == WRITTEN) {
            writeString(out, scratch.array(), scratch.size());
        }
        return result;
    }

    /** {@link QueryString#mask} for '&'-joined pairs without special bytes, into {@code scratch}. */
    private int maskPairs(byte[] in, int from, int end, ParamNames names, ValueTransform transform) {
        boolean changed = false;
        int copied = from;
        int i = from;
        while (i <= end) {
            int eq = i;
            while (eq < end && in[eq] != '=' && in[eq] != '&') {
                eq++;
            }
            if (eq == end || in[eq] != '=') {
                i = eq + 1;
                continue;
            }
            for (int k = i; k < eq; k++) {
                if (in[k] < 0) {
                    return DECODE; // a non-ASCII name may hold whitespace the full path trims
                }
            }
            boolean secret = names.isNameBytes(in, i, eq);
            int valueEnd = secret ? secretValueEnd(in, eq + 1, end) : indexOf(in, (byte) '&', eq + 1, end);
            if (!secret) {
                if (names.spelledIn(in, eq + 1, valueEnd)) {
                    return DECODE; // the full path reads it as a nested query
                }
            } else if (transform.removes()) {
                boolean afterSeparator = i > copied && in[i - 1] == '&';
                scratch.write(in, copied, (afterSeparator ? i - 1 : i) - copied);
                copied = afterSeparator || valueEnd == end ? valueEnd : valueEnd + 1;
                changed = true;
            } else {
                String value = new String(in, eq + 1, valueEnd - eq - 1, StandardCharsets.UTF_8);
                String masked = transform.apply(value);
                if (!masked.equals(value)) {
                    scratch.write(in, copied, eq + 1 - copied);
                    byte[] m = masked.getBytes(StandardCharsets.UTF_8);
                    scratch.write(m, 0, m.length);
                    copied = valueEnd;
                    changed = true;
                }
            }
            i = valueEnd + 1;
        }
        scratch.write(in, copied, end - copied);
        return changed ? WRITTEN : UNCHANGED;
    }

    /** {@link QueryString#secretValueEnd} with '&' the only separator. */
    private static int secretValueEnd(byte[] in, int from, int end) {
        int sep = indexOf(in, (byte) '&', from, end);
        while (sep < end) {
            int next = indexOf(in, (byte) '&', sep + 1, end);
            if (indexOf(in, (byte) '=', sep + 1, next) < next) {
                return sep;
            }
            sep = next;
        }
        return sep;
    }

    /** The index of {@code x} in {@code in[from, to)}, or {@code to}. */
    private static int indexOf(byte[] in, byte x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in[i] == x) {
                return i;
            }
        }
        return to;
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
