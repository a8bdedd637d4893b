package dev.hakobu.forward;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of decoded entries the forward server holds in memory over all connections: from the moment a
 * frame is copied or inflated until the sink's stage completes (stored and acked, or failed). Past the limit
 * no connection starts another decompression and every connection that receives a frame stops being read
 * ({@link ReadGate}) until enough is released; nothing is refused, clients simply wait, as with a full buffer.
 *
 * <p>A reservation is granted whenever nothing else is held, so one frame as large as the limits allow always
 * gets through. Thread-safe: acquired on event loops, released from whichever thread completes a stage; the
 * waiters it wakes re-check on their own event loops.
 */
final class MemoryBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong releases =
            new AtomicLong(); // a waiter that saw an older count missed a release
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    MemoryBudget(long limit) {
        this.limit = limit;
    }

    static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    long limit() {
        return limit;
    }

    long used() {
        return used.get();
    }

    /** Reserves {@code n} bytes if they fit under the limit (or nothing else is held). */
    boolean tryAcquire(long n) {
        while (true) {
            long current = used.get();
            if (current > 0 && current + n > limit) {
                return false;
            }
            if (used.compareAndSet(current, current + n)) {
                return true;
            }
        }
    }

    /** Counts bytes that are already in memory, whether or not they fit. */
    void acquire(long n) {
        used.addAndGet(n);
    }

    void release(long n) {
        if (n != 0) {
            used.addAndGet(-n);
            releases.incrementAndGet();
            wake();
        }
    }

    /** How many releases there have been: read it before trying, and pass it to {@link #await}. */
    long releases() {
        return releases.get();
    }

    boolean exhausted() {
        return used.get() >= limit;
    }

    /**
     * Runs {@code resume} once, after the next release; at once if there was a release since the caller read
     * {@code seen} from {@link #releases()} (so a release between the failed try and this call is not missed).
     */
    void await(long seen, Runnable resume) {
        waiting.add(resume);
        if (releases.get() != seen) {
            wake();
        }
    }

    private void wake() {
        for (Runnable r = waiting.poll(); r != null; r = waiting.poll()) {
            r.run();
        }
    }
}
