package dev.hakobu.aggregator.buffer;

/**
 * What a chunk file says about itself in its first record.
 *
 * @param id        stable across restarts and retries; the output derives object names from it
 * @param tag       every event in the chunk has this tag
 * @param partition the output's partition key of every event in the chunk (see {@link dev.hakobu.output.Partitioner})
 */
public record ChunkHeader(String id, String tag, String partition, long createdMillis) {}
