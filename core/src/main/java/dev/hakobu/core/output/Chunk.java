package dev.hakobu.core.output;

/**
 * A batch of events under one tag, as PackedForward entries ({@code [time, record]} msgpack arrays,
 * concatenated). {@code id} is stable across retries and restarts and safe in file names and keys.
 */
public record Chunk(String id, String tag, byte[] entries, int offset, int length, int count) {
}
