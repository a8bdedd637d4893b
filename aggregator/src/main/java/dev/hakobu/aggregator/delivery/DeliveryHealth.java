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
    private volatile String lastError = "";

    void delivered(long nowMillis) {
        lastDeliveredMillis.set(nowMillis);
        failuresInARow.set(0);
    }

    void failed(String reason) {
        failuresInARow.incrementAndGet();
        lastError = reason;
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
