package dev.hakobu.core.mask;

import dev.hakobu.core.msgpack.GrowableOutput;
import java.nio.charset.StandardCharsets;

/**
 * {@link QueryString#mask} on a msgpack string's UTF-8 bytes, writing the masked msgpack string: the
 * query-parameter rule (story S1's {@code parameter} field) runs on most records, and decoding each value
 * into a String, splitting it and packing it again was most of the masking cost. Parameter names compare
 * ASCII case-insensitively; a name with non-ASCII bytes, where {@code toLowerCase} could fold a
 * character into ASCII, sends the caller back to the String path. Not thread-safe (one per thread).
 */
final class QueryBytes {
    private final GrowableOutput scratch = new GrowableOutput(512);

    /**
     * @param names lower-case ASCII parameter names
     * @return whether the masked string was written to {@code out}; false (nothing written) when the
     *         value is not a string or needs the String path
     */
    boolean mask(byte[] in, int valueOff, int valueEnd, byte[][] names, ValueTransform transform, GrowableOutput out) {
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
            return false;
        }
        int start = valueOff + header;
        if (start + length != valueEnd) {
            return false;
        }
        scratch.reset();
        if (!maskPairs(in, start, valueEnd, names, transform)) {
            return false;
        }
        writeString(out, scratch.array(), scratch.size());
        return true;
    }

    private boolean maskPairs(byte[] in, int from, int end, byte[][] names, ValueTransform transform) {
        boolean first = true;
        int start = from;
        while (start <= end) {
            int amp = indexOf(in, (byte) '&', start, end);
            int pairEnd = amp < 0 ? end : amp;
            int eq = indexOf(in, (byte) '=', start, pairEnd);
            int nameEnd = eq < 0 ? pairEnd : eq;
            int matched = match(in, start, nameEnd, names);
            if (matched < 0) {
                return false;
            }
            if (matched == 0) {
                first = append(first, in, start, pairEnd - start);
            } else {
                String value = eq < 0 ? "" : new String(in, eq + 1, pairEnd - eq - 1, StandardCharsets.UTF_8);
                String masked = transform.apply(value);
                if (masked != null) {
                    first = append(first, in, start, nameEnd - start);
                    scratch.writeByte('=');
                    byte[] m = masked.getBytes(StandardCharsets.UTF_8);
                    scratch.write(m, 0, m.length);
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return true;
    }

    private boolean append(boolean first, byte[] in, int off, int len) {
        if (!first) {
            scratch.writeByte('&');
        }
        scratch.write(in, off, len);
        return false;
    }

    /** @return 1 if the name is one of {@code names}, 0 if not, -1 if it has non-ASCII bytes */
    private static int match(byte[] in, int from, int to, byte[][] names) {
        for (int i = from; i < to; i++) {
            if (in[i] < 0) {
                return -1;
            }
        }
        outer:
        for (byte[] name : names) {
            if (name.length != to - from) {
                continue;
            }
            for (int k = 0; k < name.length; k++) {
                byte c = in[from + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != name[k]) {
                    continue outer;
                }
            }
            return 1;
        }
        return 0;
    }

    private static int indexOf(byte[] in, byte x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static void writeString(GrowableOutput out, byte[] s, int len) {
        byte[] header;
        if (len < 32) {
            header = new byte[] {(byte) (0xa0 | len)};
        } else if (len < 256) {
            header = new byte[] {(byte) 0xd9, (byte) len};
        } else if (len < 65536) {
            header = new byte[] {(byte) 0xda, (byte) (len >>> 8), (byte) len};
        } else {
            header = new byte[] {(byte) 0xdb, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
        }
        out.write(header, 0, header.length);
        out.write(s, 0, len);
    }
}
