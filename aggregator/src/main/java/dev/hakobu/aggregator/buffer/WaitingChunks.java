package dev.hakobu.aggregator.buffer;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Closed chunks waiting for an output worker, earliest due first (then oldest). Not thread-safe:
 * {@link DiskBuffer} calls it under its lock.
 */
final class WaitingChunks {
    private final PriorityQueue<BufferChunk> byDue =
            new PriorityQueue<>(
                    Comparator.comparingLong((BufferChunk c) -> c.dueMillis)
                            .thenComparingLong(BufferChunk::createdMillis));

    void add(BufferChunk c) {
        c.state = BufferChunk.State.WAITING;
        byDue.add(c);
    }

    /** The head if it is due at {@code now}, taken out and marked in flight; else null. */
    BufferChunk takeDue(long now) {
        BufferChunk head = byDue.peek();
        if (head == null || head.dueMillis > now) {
            return null;
        }
        byDue.poll();
        head.state = BufferChunk.State.IN_FLIGHT;
        return head;
    }

    /** How long until the head is due, at most {@code max} (and {@code max} when nothing waits); 0 if due. */
    long millisUntilDue(long now, long max) {
        BufferChunk head = byDue.peek();
        return head == null ? max : Math.max(0, Math.min(max, head.dueMillis - now));
    }

    /** Takes out the chunk created first, whatever its due time; null when nothing waits. */
    BufferChunk takeOldest() {
        BufferChunk oldest =
                byDue.stream()
                        .min(Comparator.comparingLong(BufferChunk::createdMillis))
                        .orElse(null);
        if (oldest != null) {
            byDue.remove(oldest);
        }
        return oldest;
    }

    int size() {
        return byDue.size();
    }

    void forEach(Consumer<BufferChunk> action) {
        byDue.forEach(action);
    }
}
