package dev.hakobu.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: {@code min * 2^(attempt-1)} capped at {@code max}, with "equal jitter" (half of the
 * delay fixed, half random) so that agents which lost the same aggregator do not return in step.
 */
public final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (1 for the first retry), in nanoseconds. */
    public long delayNanos(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 62);
        long base = minNanos > (maxNanos >> doublings) ? maxNanos : Math.min(maxNanos, minNanos << doublings);
        long half = base / 2;
        return base - half + random.nextLong(half + 1);
    }
}
