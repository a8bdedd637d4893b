package dev.hakobu.encoding;

import java.io.IOException;

/**
 * The records of one object, written into one stream. A writer may pass records on as they come (JSON
 * lines) or hold them until {@link #close()} (a columnar format that needs every record of the object to
 * lay out its row groups); either way the object is complete only when {@code close} returns. Used by one
 * thread.
 */
public interface RecordWriter extends AutoCloseable {

    /**
     * One record: the msgpack value at {@code buf[off]}, ending within {@code len} bytes, with its event
     * time. The bytes are valid only during this call: a writer that holds records back copies them.
     *
     * @return the offset just after the value, so the caller walking a buffer of entries needs no second pass
     * @throws IOException if the stream below fails or the value is not well-formed msgpack
     */
    int write(long epochNanos, byte[] buf, int off, int len) throws IOException;

    /**
     * Writes what is held back (buffered lines, the last row group, a footer), then closes the stream
     * below. The object is complete when this returns.
     */
    @Override
    void close() throws IOException;

    /**
     * Gives up on the object after a failure elsewhere; the caller has already aborted or will delete the
     * destination and reports the failure itself. Releases the stream below and never throws. A writer
     * that holds records back overrides this to drop them instead of encoding them for nothing.
     */
    default void abandon() {
        try {
            close();
        } catch (IOException | RuntimeException ignored) {
            // the object is discarded; the caller reports the failure that led here
        }
    }
}
