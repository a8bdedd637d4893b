package dev.hakobu.agent.ship;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Chunk-sized arrays, reused: a chunk's array goes back here once the aggregator acked it (nothing
 * reads it after that: the client resends only unacked chunks). Profiling showed a fresh 1 MiB array
 * per chunk filling the old generation of the agent's small heap (68 full collections in 2M lines).
 * Thread-safe: taken on the reader thread, given back on the client's ack thread.
 */
public final class ChunkBuffers {
    private final int size;
    private final ArrayBlockingQueue<byte[]> free;

    public ChunkBuffers(BatchConfig batch, int keep) {
        this.size =
                batch.maxBytes()
                        .intBytes(); // a chunk never exceeds it (ChunkAssembler.fits), except a
        // single huge record
        this.free = new ArrayBlockingQueue<>(Math.max(1, keep));
    }

    byte[] take() {
        byte[] b = free.poll();
        return b != null ? b : new byte[size];
    }

    /** Returns an acked chunk's array; arrays of another size (grown, or from the journal) are left to the GC. */
    public void give(byte[] array) {
        if (array.length == size) {
            free.offer(array);
        }
    }
}
