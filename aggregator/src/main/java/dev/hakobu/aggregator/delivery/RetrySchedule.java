package dev.hakobu.aggregator.delivery;

import dev.hakobu.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * When to try a failed chunk again, and when to give up. The wait is the shared {@link Backoff} on the
 * buffer's millisecond clock: it doubles per failure up to a cap, and equal jitter keeps at least half
 * of it, so retries of many chunks after an outage spread out but never hammer the sink. Whether a
 * failure is worth retrying at all is the output's decision (its WriteResult), not this schedule's.
 * The random generator is injected so tests are exact; thread-safe if it is.
 */
public final class RetrySchedule {
    private final Backoff backoff;
    private final long maxRetryMillis;

    public RetrySchedule(
            Duration initial, Duration cap, Duration maxRetryTime, RandomGenerator random) {
        this.backoff = new Backoff(initial, cap, TimeUnit.MILLISECONDS, random);
        this.maxRetryMillis = maxRetryTime.toMillis();
    }

    /** The wait before try number {@code failures + 1}, after {@code failures} (at least 1) failed tries. */
    public long delayMillis(int failures) {
        return backoff.delay(failures).toMillis();
    }

    /** True when a chunk that first failed at {@code firstFailureMillis} has been retried long enough. */
    public boolean exhausted(long firstFailureMillis, long nowMillis) {
        return firstFailureMillis >= 0 && nowMillis - firstFailureMillis >= maxRetryMillis;
    }
}
