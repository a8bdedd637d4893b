package dev.hakobu.aggregator.delivery;

import dev.hakobu.aggregator.buffer.BufferChunk;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chunks of one output that keep failing while the output delivers others. That is not an outage (then
 * every chunk fails, and riding it out is what the buffer is for) but chunks this output will most likely never
 * take, for a reason no classifier knew. Their bytes are bounded: past the limit, such a chunk goes to dead
 * letters at once (where {@code hakobu replay} finds it), so a stream of them cannot fill the buffer and leave
 * every sender without acks. Thread-safe: the output's workers share one.
 */
final class FailingAlone {
    private final long limitBytes;
    private final ConcurrentHashMap<String, Long> bytes = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    FailingAlone(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /**
     * Counts {@code c} as failing alone if others were delivered since its first failure.
     *
     * @return whether it must go to dead letters now: such chunks hold more than the limit
     */
    boolean overShare(BufferChunk c, boolean othersDelivered) {
        if (!othersDelivered) {
            return false;
        }
        if (bytes.putIfAbsent(c.id(), c.bytes()) == null) {
            total.addAndGet(c.bytes());
        }
        return total.get() > limitBytes;
    }

    /** {@code c} was delivered or dead-lettered. */
    void settled(BufferChunk c) {
        Long b = bytes.remove(c.id());
        if (b != null) {
            total.addAndGet(-b);
        }
    }

    long bytes() {
        return total.get();
    }
}
