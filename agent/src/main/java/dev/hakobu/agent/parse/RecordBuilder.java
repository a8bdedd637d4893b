package dev.hakobu.agent.parse;

import dev.hakobu.event.GrowableOutput;
import dev.hakobu.event.MapHeader;
import dev.hakobu.event.MsgpackCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Streams one record's fields as msgpack into a reused buffer and frames them as a map at the end,
 * without copying: the header is patched into bytes reserved up front. After {@link #finish()},
 * the record is {@code array()[start(), end())}. Not thread-safe.
 *
 * <p>Names, strings and scalars of the parsers' common paths are encoded here straight into the buffer:
 * profiling showed msgpack-java's {@code writePayload} (an Unsafe copy with per-call checks) as a large part
 * of the reader thread. Everything else goes through {@link #packer()}; the two never interleave wrongly,
 * because every direct write first flushes what the packer still holds.
 */
public final class RecordBuilder {
    private final GrowableOutput out = new GrowableOutput(2048);
    private final MessagePacker packer = MessagePack.newDefaultPacker(out);
    private static final int KEY_CACHE_LIMIT = 4096;
    private final java.util.HashMap<String, byte[]> keyCache = new java.util.HashMap<>();
    private long
            packerFlushed; // the packer's total written bytes when all of them were last in out
    private int fields;
    private int start;
    private long eventNanos;
    private boolean parseFailed;

    /** Starts a new record, discarding anything packed since the last {@link #finish()}. */
    public void begin(long arrivalNanos) {
        flushPacker(); // drops the packer's view of the old buffer before it is reused
        out.reset();
        out.reserve(MapHeader.RESERVED);
        fields = 0;
        eventNanos = arrivalNanos;
        parseFailed = false;
    }

    /** Marks the record being built as a line that did not parse ({@code _parse_error}, or raw). */
    void markParseFailed() {
        parseFailed = true;
    }

    /** True if the last record begun is a line the parser could not parse; counted by the reader. */
    public boolean parseFailed() {
        return parseFailed;
    }

    /**
     * Packs a field name; the caller must pack exactly one value next. Names repeat on every line, so
     * their encoded bytes are cached (bounded: names from hostile input cannot grow it without limit).
     */
    public void key(String name) {
        byte[] encoded = keyCache.get(name);
        if (encoded == null) {
            encoded = name.getBytes(StandardCharsets.UTF_8);
            if (keyCache.size() < KEY_CACHE_LIMIT) {
                keyCache.put(name, encoded);
            }
        }
        rawString(encoded, 0, encoded.length);
        fields++;
    }

    /** Packs a string value. */
    public void value(String value) {
        try {
            packer().packString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packs a field name given as bytes of a line. */
    public void key(byte[] buf, int off, int len) {
        utf8(buf, off, len);
        fields++;
    }

    /** Packs a field name whose bytes are known to be well-formed UTF-8, as they are. */
    void rawKey(byte[] buf, int off, int len) {
        rawString(buf, off, len);
        fields++;
    }

    /** Packs a string value whose bytes are known to be well-formed UTF-8, as they are (no decoding). */
    void rawString(byte[] buf, int off, int len) {
        int p = stringHeader(len);
        System.arraycopy(buf, off, out.array(), p, len);
    }

    /** Packs a string value given as bytes of a line; invalid UTF-8 is replaced. */
    public void utf8(byte[] buf, int off, int len) {
        if (Ascii.isAscii(buf, off, len)) {
            rawString(buf, off, len);
        } else {
            value(new String(buf, off, len, StandardCharsets.UTF_8));
        }
    }

    /** Packs a string value given as chars (Jackson's text buffer), copying ASCII without a String. */
    public void chars(char[] chars, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (chars[off + i] >= 0x80) {
                value(new String(chars, off, len));
                return;
            }
        }
        int p = stringHeader(len);
        byte[] a = out.array();
        for (int i = 0; i < len; i++) {
            a[p + i] = (byte) chars[off + i];
        }
    }

    /** Packs an integer in msgpack's smallest form, as {@link MessagePacker#packLong} does. */
    void packLong(long v) {
        flushPacker();
        if (v >= -32 && v < 128) {
            int p = append(1);
            out.array()[p] = (byte) v;
        } else if (v < 0) {
            if (v >= Byte.MIN_VALUE) {
                put(0xd0, v, 1);
            } else if (v >= Short.MIN_VALUE) {
                put(0xd1, v, 2);
            } else if (v >= Integer.MIN_VALUE) {
                put(0xd2, v, 4);
            } else {
                put(0xd3, v, 8);
            }
        } else if (v < 1 << 8) {
            put(0xcc, v, 1);
        } else if (v < 1 << 16) {
            put(0xcd, v, 2);
        } else if (v < 1L << 32) {
            put(0xce, v, 4);
        } else {
            put(0xcf, v, 8);
        }
    }

    /** Packs a float64, as {@link MessagePacker#packDouble} does. */
    void packDouble(double v) {
        flushPacker();
        put(0xcb, Double.doubleToRawLongBits(v), 8);
    }

    void packBoolean(boolean v) {
        flushPacker();
        out.array()[append(1)] = (byte) (v ? 0xc3 : 0xc2);
    }

    void packNil() {
        flushPacker();
        out.array()[append(1)] = (byte) 0xc0;
    }

    /** Writes a str header for {@code len} bytes (fixstr, str8, str16 or str32, as msgpack-java picks) and reserves the payload; returns where the payload goes. */
    private int stringHeader(int len) {
        flushPacker();
        int header = len < 32 ? 1 : len < 256 ? 2 : len < 65536 ? 3 : 5;
        int p = append(header + len);
        byte[] a = out.array();
        switch (header) {
            case 1 -> a[p] = (byte) (0xa0 | len);
            case 2 -> {
                a[p] = (byte) 0xd9;
                a[p + 1] = (byte) len;
            }
            case 3 -> {
                a[p] = (byte) 0xda;
                a[p + 1] = (byte) (len >>> 8);
                a[p + 2] = (byte) len;
            }
            default -> {
                a[p] = (byte) 0xdb;
                for (int i = 0; i < 4; i++) {
                    a[p + 1 + i] = (byte) (len >>> (24 - 8 * i));
                }
            }
        }
        return p + header;
    }

    /** A type byte and the low {@code bytes} bytes of {@code v}, big-endian. */
    private void put(int type, long v, int bytes) {
        int p = append(1 + bytes);
        byte[] a = out.array();
        a[p] = (byte) type;
        for (int i = 0; i < bytes; i++) {
            a[p + 1 + i] = (byte) (v >>> (8 * (bytes - 1 - i)));
        }
    }

    /** Grows the record by {@code n} bytes; returns where they start. */
    private int append(int n) {
        int p = out.size();
        out.reserve(n);
        return p;
    }

    /** Moves whatever the packer holds into {@code out}, so a direct write lands after it. */
    private void flushPacker() {
        long written = packer.getTotalWrittenBytes();
        if (written != packerFlushed) {
            try {
                packer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            packerFlushed = packer.getTotalWrittenBytes();
        }
    }

    public void string(String key, String value) {
        key(key);
        value(value);
    }

    /**
     * Drops every field whose name is {@code encodedName} (a whole msgpack str: header and bytes) from the
     * record being built; call {@link #finish()} again afterwards. Walks every field, so it is for options
     * that pay for themselves ({@code keep_original}), never for the default path.
     */
    void removeFields(byte[] encodedName) {
        flushPacker();
        byte[] a = out.array();
        int p = MapHeader.RESERVED;
        for (int i = 0; i < fields; ) {
            int end = out.size();
            int nameEnd = MsgpackCursor.valueEnd(a, p, end);
            int valueEnd = MsgpackCursor.valueEnd(a, nameEnd, end);
            if (java.util.Arrays.equals(a, p, nameEnd, encodedName, 0, encodedName.length)) {
                System.arraycopy(a, valueEnd, a, p, end - valueEnd);
                out.truncate(end - (valueEnd - p));
                fields--;
            } else {
                p = valueEnd;
                i++;
            }
        }
    }

    /** The packer for values; flushed by {@link #finish()} and before any direct write. */
    public MessagePacker packer() {
        return packer;
    }

    public void eventNanos(long nanos) {
        this.eventNanos = nanos;
    }

    public long eventNanos() {
        return eventNanos;
    }

    public void finish() {
        flushPacker();
        start = MapHeader.patch(out.array(), MapHeader.RESERVED, fields);
    }

    /**
     * Adds {@code key: true} to a record already {@link #finish() finished} and frames it again; for flags
     * that the caller, not the parser, knows about (a truncated line).
     */
    public void flag(String key) {
        key(key);
        packBoolean(true);
        finish();
    }

    public byte[] array() {
        return out.array();
    }

    public int start() {
        return start;
    }

    public int end() {
        return out.size();
    }

    public int fieldCount() {
        return fields;
    }
}
