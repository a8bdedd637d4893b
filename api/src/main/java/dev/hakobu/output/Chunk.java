package dev.hakobu.output;

import dev.hakobu.event.TimeSpan;

/**
 * A batch of events under one tag, as PackedForward entries ({@code [time, record]} msgpack arrays,
 * concatenated). {@code id} is stable across retries and restarts and safe in file names and keys.
 * {@code times} bounds the events' times when a stage measured it ({@link TimeSpan#UNKNOWN} otherwise).
 */
public record Chunk(
        String id, String tag, byte[] entries, int offset, int length, int count, TimeSpan times) {

    public Chunk(String id, String tag, byte[] entries, int offset, int length, int count) {
        this(id, tag, entries, offset, length, count, TimeSpan.UNKNOWN);
    }
}
