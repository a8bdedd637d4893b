package dev.hakobu.aggregator.buffer;

import java.util.concurrent.atomic.AtomicLong;

/** The counters behind {@link BufferStats}; thread-safe. */
final class BufferCounters {
    final AtomicLong appended = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong blocked = new AtomicLong();
    final AtomicLong droppedChunks = new AtomicLong();
    final AtomicLong droppedEvents = new AtomicLong();
    final AtomicLong quarantined = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();

    BufferStats snapshot(long used, int open, int waiting) {
        return new BufferStats(
                used,
                open,
                waiting,
                appended.get(),
                duplicates.get(),
                delivered.get(),
                blocked.get(),
                droppedChunks.get(),
                droppedEvents.get(),
                quarantined.get(),
                deadLettered.get());
    }
}
