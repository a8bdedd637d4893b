package dev.hakobu.encoding;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Writes msgpack records as JSON lines, one object per line, transcoding bytes to bytes
 * ({@link MsgpackToJson}: the mapping of msgpack types to JSON is documented there). Lines collect in a
 * buffer that goes to the stream below in blocks of about {@value #BLOCK} bytes, so a compressor gets
 * large writes. With an {@link EventTimeField}, {@link #write(long, byte[], int, int)} adds the event time
 * to each map record. One encoder per output stream; not thread-safe. The {@link RecordWriter} of
 * {@link JsonLinesEncoding}.
 */
public final class JsonLinesEncoder implements RecordWriter {
    static final int BLOCK = 64 * 1024;
    private final OutputStream out;
    private final JsonBytes json = new JsonBytes(BLOCK + 4096);
    private final MsgpackToJson transcoder;

    /** Records are written as they are. */
    public JsonLinesEncoder(OutputStream out) {
        this(out, Optional.empty());
    }

    /** @param eventTime the event time to add to each map record by {@link #write(long, byte[], int, int)}, or empty */
    public JsonLinesEncoder(OutputStream out, Optional<EventTimeField> eventTime) {
        this(out, eventTime, Optional.empty());
    }

    /**
     * @param eventTime the event time to add to each map record by {@link #write(long, byte[], int, int)}, or empty
     * @param tag       the tag to add to each map record by {@link #write(long, byte[], int, int)}, or empty
     */
    public JsonLinesEncoder(
            OutputStream out, Optional<EventTimeField> eventTime, Optional<TagField> tag) {
        this.out = out;
        this.transcoder = new MsgpackToJson(json, eventTime.orElse(null), tag.orElse(null));
    }

    /**
     * Writes the msgpack value that starts at {@code buf[off]} (and ends within {@code len} bytes) as one
     * line, as it is: without the event time.
     *
     * @return the offset just after the value, so a caller walking a buffer of values needs no second pass
     * @throws IOException if the stream below fails, or the value is not well-formed msgpack (then
     *                     nothing of it is written)
     */
    public int write(byte[] buf, int off, int len) throws IOException {
        return write(false, 0, buf, off, len);
    }

    /**
     * Like {@link #write(byte[], int, int)}, with the event time added to a map record when this encoder
     * has an event-time field.
     */
    @Override
    public int write(long epochNanos, byte[] buf, int off, int len) throws IOException {
        return write(true, epochNanos, buf, off, len);
    }

    private int write(boolean withTime, long epochNanos, byte[] buf, int off, int len)
            throws IOException {
        int mark = json.size();
        int end;
        try {
            end =
                    withTime
                            ? transcoder.transcode(buf, off, len, epochNanos)
                            : transcoder.transcode(buf, off, len);
        } catch (IOException e) {
            json.truncate(mark);
            throw e;
        }
        json.write('\n');
        if (json.size() >= BLOCK) {
            drain();
        }
        return end;
    }

    /** Flushes buffered JSON into the stream below and flushes that; does not close it. */
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Writes what is buffered and closes the stream below. */
    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }

    private void drain() throws IOException {
        if (json.size() > 0) {
            out.write(json.array(), 0, json.size());
            json.reset();
        }
    }
}
