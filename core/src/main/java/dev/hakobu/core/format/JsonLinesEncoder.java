package dev.hakobu.core.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes msgpack records as JSON lines, one object per line, transcoding bytes to bytes
 * ({@link MsgpackToJson}: the mapping of msgpack types to JSON is documented there). Lines collect in a
 * buffer that goes to the stream below in blocks of about {@value #BLOCK} bytes, so a compressor gets
 * large writes. One encoder per output stream; not thread-safe.
 */
public final class JsonLinesEncoder implements AutoCloseable {
    static final int BLOCK = 64 * 1024;
    private final OutputStream out;
    private final JsonBytes json = new JsonBytes(BLOCK + 4096);
    private final MsgpackToJson transcoder = new MsgpackToJson(json);

    public JsonLinesEncoder(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes the msgpack value that starts at {@code buf[off]} (and ends within {@code len} bytes) as one line.
     *
     * @return the offset just after the value, so a caller walking a buffer of values needs no second pass
     * @throws IOException if the stream below fails, or the value is not well-formed msgpack (then
     *                     nothing of it is written)
     */
    public int write(byte[] buf, int off, int len) throws IOException {
        int mark = json.size();
        int end;
        try {
            end = transcoder.transcode(buf, off, len);
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
