package dev.hakobu.outputs.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between item retries inside one write: {@code min * 2^(attempt-1)} capped at {@code max},
 * with equal jitter (half fixed, half random) so that workers throttled together do not return in step.
 * Not thread-safe when the random generator is not.
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

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 62);
        long base = minNanos > (maxNanos >> doublings) ? maxNanos : Math.min(maxNanos, minNanos << doublings);
        long half = base / 2;
        return Duration.ofNanos(base - half + random.nextLong(half + 1));
    }
}
