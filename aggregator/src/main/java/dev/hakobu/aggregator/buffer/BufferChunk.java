package dev.hakobu.aggregator.buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of one buffer, open (taking appends), waiting (closed, due at {@link #dueMillis}) or in flight
 * (held by one output worker). State fields are guarded by the buffer's lock; the retry fields belong to
 * the worker that holds the chunk in flight.
 */
public final class BufferChunk {
    enum State {
        OPEN,
        WAITING,
        IN_FLIGHT,
        GONE
    }

    final ChunkHeader header;
    final ChunkFile file;

    /** Dedupe keys ({@code sourceId|partition}) of the batches in this chunk. */
    final List<String> keys = new ArrayList<>();

    State state = State.OPEN;
    int records;
    long lastAppendMillis;
    long dueMillis;
    private int attempts;
    private long firstFailureMillis = -1;

    BufferChunk(ChunkHeader header, ChunkFile file, long now) {
        this.header = header;
        this.file = file;
        this.lastAppendMillis = now;
    }

    public String id() {
        return header.id();
    }

    public String tag() {
        return header.tag();
    }

    public String partition() {
        return header.partition();
    }

    public long createdMillis() {
        return header.createdMillis();
    }

    public int records() {
        return records;
    }

    public long bytes() {
        return file.length();
    }

    /** Failed deliveries so far (kept across restarts, see {@link RetryState}). */
    public int attempts() {
        return attempts;
    }

    /** When the first failed delivery happened, or -1. */
    public long firstFailureMillis() {
        return firstFailureMillis;
    }

    /** Called by the worker holding the chunk after a failed delivery. */
    public void failed(long nowMillis) {
        attempts++;
        if (firstFailureMillis < 0) {
            firstFailureMillis = nowMillis;
        }
    }

    void restoreFailures(long firstFailure, int attemptsSoFar) {
        this.firstFailureMillis = firstFailure;
        this.attempts = attemptsSoFar;
    }

    @Override
    public String toString() {
        return "chunk "
                + header.id()
                + " (tag "
                + header.tag()
                + ", "
                + records
                + " events, "
                + file.length()
                + " bytes)";
    }
}
