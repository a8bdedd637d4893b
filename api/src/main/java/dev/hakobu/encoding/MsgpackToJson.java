package dev.hakobu.encoding;

import dev.hakobu.event.MalformedEventsException;
import dev.hakobu.event.MsgpackCursor;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Transcodes one msgpack value to compact JSON, byte to byte, without decoding strings into Java objects:
 * profiling showed msgpack-core's string decoding plus Jackson's re-encoding as the output workers' main
 * cost. Mapping: binary becomes a base64 string; an extension value {@code {"ext": type, "data": base64}};
 * a non-string map key the string of its JSON form; floats their shortest decimal form ({@code NaN} and
 * the infinities quoted, as JSON has no literal for them); unsigned 64-bit integers above
 * {@code Long.MAX_VALUE} their exact value. Values nested deeper than {@value #MAX_DEPTH} become
 * {@code {"msgpack": base64}} of their bytes, so nothing is lost and no input can exhaust the stack.
 *
 * <p>With an {@link EventTimeField}, a record that is a map also gets the event time: as its last field
 * when it has no field of that name, in place of its own value when it has one and the field says
 * overwrite, not at all otherwise; the key never appears twice. Keys are compared as JSON writes them, so
 * a non-string key that prints as the name counts too. A record that is not a map is written as it is.
 *
 * <p>With a {@link TagField}, a record that is a map also gets the tag: in place of its own field of that
 * name, or as its last field (after the event time). The tag wins over the event time if both have one name.
 * Not thread-safe.
 *
 * <p>Why its own walk and not {@link MsgpackCursor}'s: this is the output workers' hottest loop, and it acts on
 * every header as it reads it (a JSON token per value), where the cursor reads a value to return it; values it
 * only passes over (past the depth limit, a replaced event time) go through the cursor's {@code skipValue}.
 */
final class MsgpackToJson {
    static final int MAX_DEPTH = 256;
    private final JsonBytes out;

    /** Null when no event time is written. */
    private final EventTimeText time;

    /** The event time's key as JSON writes it, quotes included. */
    private final byte[] timeKey;

    private final boolean overwrite;

    /** The tag's key and value as JSON writes them, quotes included; null when no tag is written. */
    private final byte[] tagKey;

    private final byte[] tagValue;
    private byte[] in;
    private int pos;
    private int end;

    MsgpackToJson(JsonBytes out) {
        this(out, null, null);
    }

    /** @param eventTime the field to add to map records, or null for none */
    MsgpackToJson(JsonBytes out, EventTimeField eventTime) {
        this(out, eventTime, null);
    }

    /**
     * @param eventTime the field to add to map records, or null for none
     * @param tag       the tag to add to map records, or null for none
     */
    MsgpackToJson(JsonBytes out, EventTimeField eventTime, TagField tag) {
        this.out = out;
        this.tagKey = tag == null ? null : jsonString(tag.key());
        this.tagValue = tag == null ? null : jsonString(tag.tag());
        if (eventTime == null || (tag != null && tag.key().equals(eventTime.key()))) {
            this.time = null;
            this.timeKey = null;
            this.overwrite = false;
        } else {
            this.time = new EventTimeText(eventTime.format(), eventTime.zone());
            this.timeKey = jsonString(eventTime.key());
            this.overwrite = eventTime.overwrite();
        }
    }

    private static byte[] jsonString(String s) {
        JsonBytes json = new JsonBytes(s.length() * 6 + 2);
        json.writeString(s);
        return Arrays.copyOf(json.array(), json.size());
    }

    /**
     * Appends the JSON for the msgpack value that starts at {@code buf[off]} and ends before
     * {@code off + len}.
     *
     * @return the offset just after the value
     */
    int transcode(byte[] buf, int off, int len) throws IOException {
        start(buf, off, len);
        try {
            value(0);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw malformed("truncated value");
        }
        return finish();
    }

    /**
     * Like {@link #transcode(byte[], int, int)}, adding the event time to a map record when this
     * transcoder has an event-time field.
     */
    int transcode(byte[] buf, int off, int len, long epochNanos) throws IOException {
        if (time == null && tagKey == null) {
            return transcode(buf, off, len);
        }
        start(buf, off, len);
        try {
            int b = in[pos] & 0xff;
            if (b >= 0x80 && b <= 0x8f) {
                pos++;
                record(b & 0x0f, epochNanos);
            } else if (b == 0xde || b == 0xdf) {
                pos++;
                record(length(b - 0xde + 1), epochNanos);
            } else {
                value(0);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw malformed("truncated value");
        }
        return finish();
    }

    /** Whether the key just written at {@code mark} is {@code key} (JSON, quotes included). */
    private boolean keyIs(int mark, byte[] key) {
        if (key == null || out.size() - mark != key.length) {
            return false;
        }
        byte[] written = out.array();
        for (int i = 1; i < key.length - 1; i++) { // the quotes match
            if (written[mark + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void start(byte[] buf, int off, int len) {
        this.in = buf;
        this.pos = off;
        this.end = off + len;
    }

    private int finish() throws IOException {
        if (pos > end) {
            throw malformed("truncated value");
        }
        return pos;
    }

    /** The top-level map with the event time and the tag added (see the class comment). */
    private void record(int count, long epochNanos) throws IOException {
        out.write('{');
        boolean timePresent = time == null;
        boolean tagPresent = tagKey == null;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            int mark = out.size();
            key(0);
            boolean isTag = keyIs(mark, tagKey);
            boolean isTime = keyIs(mark, timeKey);
            out.write(':');
            if (isTag) {
                tagPresent = true;
                skipValue();
                out.write(tagValue);
                continue;
            }
            if (isTime) {
                timePresent = true;
                if (overwrite) {
                    skipValue();
                    time.write(out, epochNanos);
                    continue;
                }
            }
            value(1);
        }
        boolean first = count == 0;
        if (!timePresent) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write(timeKey);
            out.write(':');
            time.write(out, epochNanos);
        }
        if (!tagPresent) {
            if (!first) {
                out.write(',');
            }
            out.write(tagKey);
            out.write(':');
            out.write(tagValue);
        }
        out.write('}');
    }

    private void value(int depth) throws IOException {
        int b = in[pos] & 0xff;
        if (depth >= MAX_DEPTH && isContainer(b)) {
            tooDeep();
        } else if (b <= 0x7f) {
            pos++;
            out.writeLong(b);
        } else if (b >= 0xe0) {
            pos++;
            out.writeLong((byte) b);
        } else if (b <= 0x8f) {
            pos++;
            map(b & 0x0f, depth);
        } else if (b <= 0x9f) {
            pos++;
            array(b & 0x0f, depth);
        } else if (b <= 0xbf) {
            pos++;
            string(b & 0x1f);
        } else {
            typed(b, depth);
        }
    }

    private void typed(int b, int depth) throws IOException {
        pos++;
        switch (b) {
            case 0xc0 -> out.writeAscii("null");
            case 0xc2 -> out.writeAscii("false");
            case 0xc3 -> out.writeAscii("true");
            case 0xc4, 0xc5, 0xc6 -> binary(length(b - 0xc4));
            case 0xc7, 0xc8, 0xc9 -> extension(length(b - 0xc7));
            case 0xca -> floating(Float.intBitsToFloat((int) fixed(4)), true);
            case 0xcb -> floating(Double.longBitsToDouble(fixed(8)), false);
            case 0xcc -> out.writeLong(fixed(1));
            case 0xcd -> out.writeLong(fixed(2));
            case 0xce -> out.writeLong(fixed(4));
            case 0xcf -> unsigned64(fixed(8));
            case 0xd0 -> out.writeLong((byte) fixed(1));
            case 0xd1 -> out.writeLong((short) fixed(2));
            case 0xd2 -> out.writeLong((int) fixed(4));
            case 0xd3 -> out.writeLong(fixed(8));
            case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8 -> extension(1 << (b - 0xd4));
            case 0xd9, 0xda, 0xdb -> string(length(b - 0xd9));
            case 0xdc, 0xdd -> array(length(b - 0xdc + 1), depth);
            case 0xde, 0xdf -> map(length(b - 0xde + 1), depth);
            default -> throw malformed(String.format("invalid byte 0x%02x", b));
        }
    }

    private void map(int count, int depth) throws IOException {
        out.write('{');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            key(depth);
            out.write(':');
            value(depth + 1);
        }
        out.write('}');
    }

    private void array(int count, int depth) throws IOException {
        out.write('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            value(depth + 1);
        }
        out.write(']');
    }

    private void key(int depth) throws IOException {
        int b = in[pos] & 0xff;
        if ((b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb)) {
            value(depth + 1);
            return;
        }
        int mark = out.size();
        value(depth + 1);
        byte[] json = Arrays.copyOfRange(out.array(), mark, out.size());
        out.truncate(mark);
        out.writeString(json, 0, json.length);
    }

    private static boolean isContainer(int b) {
        return (b >= 0x80 && b <= 0x9f) || (b >= 0xdc && b <= 0xdf);
    }

    /** Past the depth limit: the whole value as base64 msgpack. */
    private void tooDeep() throws IOException {
        int start = pos;
        skipValue();
        out.writeAscii("{\"msgpack\":\"");
        out.write(Base64.getEncoder().encode(Arrays.copyOfRange(in, start, pos)));
        out.writeAscii("\"}");
    }

    /** Past the value at {@code pos}, with {@link MsgpackCursor}'s bounds-checked, non-recursive skip. */
    private void skipValue() throws IOException {
        try {
            pos = MsgpackCursor.valueEnd(in, pos, end);
        } catch (MalformedEventsException e) {
            throw malformed(e.getMessage());
        }
    }

    private void string(int n) throws IOException {
        require(n);
        out.writeString(in, pos, n);
        pos += n;
    }

    private void binary(int n) throws IOException {
        require(n);
        out.write('"');
        out.write(Base64.getEncoder().encode(Arrays.copyOfRange(in, pos, pos + n)));
        out.write('"');
        pos += n;
    }

    private void extension(int n) throws IOException {
        int type = in[pos++];
        require(n);
        out.writeAscii("{\"ext\":");
        out.writeLong(type);
        out.writeAscii(",\"data\":\"");
        out.write(Base64.getEncoder().encode(Arrays.copyOfRange(in, pos, pos + n)));
        out.writeAscii("\"}");
        pos += n;
    }

    private void floating(double d, boolean single) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.write('"');
            out.writeAscii(Double.toString(d));
            out.write('"');
        } else {
            out.writeAscii(single ? Float.toString((float) d) : Double.toString(d));
        }
    }

    private void unsigned64(long v) {
        if (v >= 0) {
            out.writeLong(v);
        } else {
            out.writeAscii(Long.toUnsignedString(v));
        }
    }

    /** A size field of 1 << {@code code} bytes (code 0, 1, 2: 8, 16, 32 bits), unsigned. */
    private int length(int code) throws IOException {
        long n = fixed(1 << code);
        if (n > end - pos) {
            throw malformed("length " + n + " exceeds the value");
        }
        return (int) n;
    }

    private long fixed(int bytes) throws IOException {
        require(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = v << 8 | (in[pos++] & 0xff);
        }
        return v;
    }

    private void require(int n) throws IOException {
        if (n > end - pos) {
            throw malformed("truncated value");
        }
    }

    private IOException malformed(String what) {
        return new IOException("malformed msgpack record at offset " + pos + ": " + what);
    }
}
