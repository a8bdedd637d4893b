package dev.hakobu.outputs.kinesis;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which records of recent chunks Kinesis already took, so that when the delivery worker sends a chunk
 * again after a Retry, only the records still missing go out: PutRecords is not idempotent. Kept in
 * memory for the last {@code capacity} chunks; after a restart a chunk is sent whole again
 * (at-least-once). Thread-safe.
 */
final class DeliveredRecords {
    private final Map<String, BitSet> chunks;

    DeliveredRecords(int capacity) {
        this.chunks =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, BitSet> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** A copy of the delivered set of {@code chunkId} (empty when unknown). */
    synchronized BitSet get(String chunkId) {
        BitSet s = chunks.get(chunkId);
        return s == null ? new BitSet() : (BitSet) s.clone();
    }

    /** Whether an earlier write of {@code chunkId} was left with records to send again. */
    synchronized boolean knows(String chunkId) {
        return chunks.containsKey(chunkId);
    }

    synchronized void remember(String chunkId, BitSet delivered) {
        chunks.put(chunkId, (BitSet) delivered.clone());
    }

    synchronized void forget(String chunkId) {
        chunks.remove(chunkId);
    }
}
