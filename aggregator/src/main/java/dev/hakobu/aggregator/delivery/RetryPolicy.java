package dev.hakobu.aggregator.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed chunk again, and when to give up. The wait doubles per failure up to a cap;
 * "equal jitter" keeps at least half of it, so retries of many chunks after an outage spread out but
 * never hammer the sink. The random generator is injected so tests are exact; thread-safe if it is.
 */
public final class RetryPolicy {
    private final long initialMillis;
    private final long capMillis;
    private final long maxRetryMillis;
    private final RandomGenerator random;

    public RetryPolicy(Duration initial, Duration cap, Duration maxRetryTime, RandomGenerator random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.capMillis = Math.max(initialMillis, cap.toMillis());
        this.maxRetryMillis = maxRetryTime.toMillis();
        this.random = random;
    }

    /** The wait before try number {@code failures + 1}, after {@code failures} (at least 1) failed tries. */
    public long delayMillis(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        long base = initialMillis > (capMillis >> doublings) ? capMillis : Math.min(capMillis, initialMillis << doublings);
        long half = base / 2;
        return base - half + random.nextLong(half + 1);
    }

    /** True when a chunk that first failed at {@code firstFailureMillis} has been retried long enough. */
    public boolean exhausted(long firstFailureMillis, long nowMillis) {
        return firstFailureMillis >= 0 && nowMillis - firstFailureMillis >= maxRetryMillis;
    }
}
