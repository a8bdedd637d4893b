package dev.hakobu.encoding;

import dev.hakobu.event.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer of JSON text with the writes the msgpack transcoder needs: raw bytes, numbers
 * without going through strings, and string escaping straight from UTF-8 bytes. Escapes follow Jackson's
 * defaults (backslash escapes for quote, backslash, b, t, n, f and r; other control characters as a
 * backslash-u00XX escape; nothing else). One deliberate difference: characters beyond the BMP (emoji) are
 * written as their four UTF-8 bytes, where Jackson writes a pair of surrogate escapes. Not thread-safe.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte ASCII = 0;
    private static final byte ESCAPE = 1;
    private static final byte MULTIBYTE = 2;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            CLASS[b] = ESCAPE;
        }
        CLASS['"'] = ESCAPE;
        CLASS['\\'] = ESCAPE;
        for (int b = 0x80; b < 0x100; b++) {
            CLASS[b] = MULTIBYTE;
        }
    }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;
    private byte[] buf;
    private int size;

    JsonBytes(int capacity) {
        this.buf = new byte[capacity];
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
    }

    void writeAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    void writeLong(long v) {
        if (v == Long.MIN_VALUE) {
            writeAscii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[size++] = '-';
            v = -v;
        }
        int digits = digits(v);
        int at = size + digits;
        size = at;
        do {
            buf[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
    }

    /**
     * Makes room for {@code n} more bytes, for a writer that stores them straight into {@link #array()}
     * from {@link #size()} on and then moves the end with {@link #truncate}.
     */
    void reserve(int n) {
        ensure(n);
    }

    private static int digits(long v) {
        int n = 1;
        for (long limit = 10; n < 19 && v >= limit; limit *= 10) {
            n++;
        }
        return n;
    }

    /**
     * Writes the UTF-8 bytes as a quoted, escaped JSON string. Input that is not valid UTF-8 is decoded
     * with replacement characters first, as a {@code String} decode would, so bad bytes from a sender
     * never produce invalid JSON.
     */
    void writeString(byte[] s, int off, int len) {
        // one byte out per byte in, except escapes, which reserve their extra room; plus 8 bytes of
        // slack
        // for the word stores, which may write past the string's end (later writes overwrite that)
        ensure(len + 2 + 8);
        int start = size;
        buf[size++] = '"';
        int end = off + len;
        int i = off;
        while (i < end) {
            int left = end - i;
            if (left >= 8 || i + 8 <= s.length) {
                long word = (long) LONGS.get(s, i);
                int n = Math.min(left, 8);
                long mask =
                        n == 8
                                ? -1L
                                : (1L << (8 * n))
                                        - 1; // the string's own bytes (little-endian: the low ones)
                if (plainAscii((word & mask) | (SPACES & ~mask))) {
                    LONGS.set(buf, size, word);
                    size += n;
                    i += n;
                    continue;
                }
            }
            int b = s[i] & 0xff;
            byte kind = CLASS[b];
            if (kind == ASCII) {
                buf[size++] = (byte) b;
                i++;
            } else if (kind == ESCAPE) {
                ensure(6 + end - i + 8);
                escape(b);
                i++;
            } else {
                int n = Utf8.sequenceLength(s, i, end);
                if (n < 0) {
                    size = start;
                    writeString(new String(s, off, len, StandardCharsets.UTF_8));
                    return;
                }
                System.arraycopy(s, i, buf, size, n);
                size += n;
                i += n;
            }
        }
        buf[size++] = '"';
    }

    /**
     * Whether none of the eight bytes needs attention: all ASCII, none below 0x20, no quote, no
     * backslash (the classic "has a zero byte" bit tests). Strings are mostly plain, and testing
     * eight bytes at once halved the output workers' time in this loop.
     */
    private static boolean plainAscii(long w) {
        long high = 0x8080808080808080L;
        long ones = 0x0101010101010101L;
        long belowSpace = (w - 0x2020202020202020L) & ~w;
        long quote = w ^ 0x2222222222222222L;
        long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
        long flags = w | belowSpace | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
        return (flags & high) == 0;
    }

    /** Writes {@code s} as a quoted, escaped JSON string. */
    void writeString(String s) {
        byte[] utf8 =
                s.getBytes(
                        StandardCharsets
                                .UTF_8); // strings decoded with replacement hold no unpaired
        // surrogates
        writeString(utf8, 0, utf8.length);
    }

    private void escape(int b) {
        buf[size++] = '\\';
        switch (b) {
            case '"', '\\' -> buf[size++] = (byte) b;
            case '\b' -> buf[size++] = 'b';
            case '\t' -> buf[size++] = 't';
            case '\n' -> buf[size++] = 'n';
            case '\f' -> buf[size++] = 'f';
            case '\r' -> buf[size++] = 'r';
            default -> {
                buf[size++] = 'u';
                buf[size++] = '0';
                buf[size++] = '0';
                buf[size++] = HEX[b >> 4];
                buf[size++] = HEX[b & 0xf];
            }
        }
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + extra, buf.length * 2));
        }
    }
}
