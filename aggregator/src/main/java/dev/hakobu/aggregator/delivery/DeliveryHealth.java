package dev.hakobu.aggregator.delivery;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How one output's deliveries are going, for readiness: when a chunk was last delivered and how many attempts
 * have failed since. Written by the output's workers, read by {@code /ready}; thread-safe.
 */
public final class DeliveryHealth {
    /** Failed attempts in a row, with no delivery between, before the output counts as failing. */
    static final int FAILING_AFTER = 3;

    private final AtomicLong lastDeliveredMillis = new AtomicLong(-1);
    private final AtomicLong failuresInARow = new AtomicLong();

    /** A failure reason logged again no sooner than this, while it lasts (a worker's retries repeat it). */
    static final long WARN_EVERY_MILLIS = 60_000;

    private volatile String lastError = "";
    private String warned;
    private long warnedAtMillis;

    void delivered(long nowMillis) {
        lastDeliveredMillis.set(nowMillis);
        failuresInARow.set(0);
        synchronized (this) {
            warned = null;
        }
    }

    /**
     * Counts a failed attempt; true when its retry deserves a WARN line: a reason this output's workers
     * did not log in the last minute. So a sink that stays broken (a missing bucket, an outage) logs
     * one line a minute, not one per retry of every chunk.
     */
    boolean failed(String reason, long nowMillis) {
        failuresInARow.incrementAndGet();
        lastError = reason;
        synchronized (this) {
            if (reason.equals(warned) && nowMillis - warnedAtMillis < WARN_EVERY_MILLIS) {
                return false;
            }
            warned = reason;
            warnedAtMillis = nowMillis;
            return true;
        }
    }

    /** Every attempt since the last delivery failed, at least {@value #FAILING_AFTER} of them. */
    public boolean failing() {
        return failuresInARow.get() >= FAILING_AFTER;
    }

    public long failuresInARow() {
        return failuresInARow.get();
    }

    public String lastError() {
        return lastError;
    }

    /** Epoch millis of the last delivery by this process, or -1. */
    public long lastDeliveredMillis() {
        return lastDeliveredMillis.get();
    }
}
