package dev.hakobu.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Delays between tries: {@code min * 2^(attempt-1)} capped at {@code max}, with "equal jitter" (half of
 * the delay fixed, half random) so that clients that failed together (agents that lost the same
 * aggregator, workers throttled by the same sink, chunks retried after an outage) do not return in step.
 *
 * <p>The delay is drawn in whole units of a resolution: nanoseconds by default, milliseconds for
 * schedules kept on a millisecond clock. {@code min} is at least one unit and {@code max} at least
 * {@code min}. The random generator is injected so tests are exact; thread-safe if it is.
 */
public final class Backoff {
    private final long min;
    private final long max;
    private final TimeUnit resolution;
    private final RandomGenerator random;

    /** A backoff with nanosecond resolution. */
    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this(min, max, TimeUnit.NANOSECONDS, random);
    }

    /** A backoff whose delays are whole multiples of {@code resolution} (min and max are truncated to it). */
    public Backoff(Duration min, Duration max, TimeUnit resolution, RandomGenerator random) {
        this.resolution = resolution;
        this.min = Math.max(1, resolution.convert(min));
        this.max = Math.max(this.min, resolution.convert(max));
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        return Duration.of(units(attempt), resolution.toChronoUnit());
    }

    /** The delay before retry number {@code attempt} (1 for the first retry), in nanoseconds. */
    public long delayNanos(int attempt) {
        return resolution.toNanos(units(attempt));
    }

    private long units(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 62);
        long base = min > (max >> doublings) ? max : Math.min(max, min << doublings);
        long half = base / 2;
        return base - half + random.nextLong(half + 1);
    }
}
