package dev.hakobu.core.parse;

import dev.hakobu.core.msgpack.GrowableOutput;
import dev.hakobu.core.msgpack.MapHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Streams one record's fields as msgpack into a reused buffer and frames them as a map at the end,
 * without copying: the header is patched into bytes reserved up front. After {@link #finish()},
 * the record is {@code array()[start(), end())}. Not thread-safe.
 */
public final class RecordBuilder {
    private final GrowableOutput out = new GrowableOutput(2048);
    private final MessagePacker packer = MessagePack.newDefaultPacker(out);
    private static final int KEY_CACHE_LIMIT = 4096;
    private final java.util.HashMap<String, byte[]> keyCache = new java.util.HashMap<>();
    private final byte[] scratch = new byte[4096];
    private int fields;
    private int start;
    private long eventNanos;

    /** Starts a new record, discarding anything packed since the last {@link #finish()}. */
    public void begin(long arrivalNanos) {
        try {
            packer.flush(); // drops the packer's view of the old buffer before it is reused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.reset();
        out.reserve(MapHeader.RESERVED);
        fields = 0;
        eventNanos = arrivalNanos;
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
        try {
            packer.packRawStringHeader(encoded.length);
            packer.writePayload(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fields++;
    }

    /** Packs a string value. */
    public void value(String value) {
        try {
            packer.packString(value);
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
        try {
            packer.packRawStringHeader(len);
            packer.writePayload(buf, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packs a string value given as bytes of a line; invalid UTF-8 is replaced. */
    public void utf8(byte[] buf, int off, int len) {
        try {
            if (Ascii.isAscii(buf, off, len)) {
                packer.packRawStringHeader(len);
                packer.writePayload(buf, off, len);
            } else {
                packer.packString(new String(buf, off, len, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packs a string value given as chars (Jackson's text buffer), copying ASCII without a String. */
    public void chars(char[] chars, int off, int len) {
        try {
            if (len > scratch.length) {
                packer.packString(new String(chars, off, len));
                return;
            }
            for (int i = 0; i < len; i++) {
                char c = chars[off + i];
                if (c >= 0x80) {
                    packer.packString(new String(chars, off, len));
                    return;
                }
                scratch[i] = (byte) c;
            }
            packer.packRawStringHeader(len);
            packer.writePayload(scratch, 0, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void string(String key, String value) {
        key(key);
        value(value);
    }

    /** The packer for values; flushed by {@link #finish()}. */
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
        try {
            packer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start = MapHeader.patch(out.array(), MapHeader.RESERVED, fields);
    }

    /**
     * Adds {@code key: true} to a record already {@link #finish() finished} and frames it again; for flags
     * that the caller, not the parser, knows about (a truncated line).
     */
    public void flag(String key) {
        key(key);
        try {
            packer.packBoolean(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
