package dev.hakobu.event;

/**
 * The earliest and latest event time in a batch of entries, in epoch nanoseconds, found while the
 * batch was validated. Later stages use it to see that a batch falls in one partition without walking
 * it again. {@link #UNKNOWN} when nobody measured it.
 */
public record TimeSpan(long minNanos, long maxNanos) {
    public static final TimeSpan UNKNOWN = new TimeSpan(Long.MIN_VALUE, Long.MAX_VALUE);

    public boolean isKnown() {
        return minNanos <= maxNanos && !equals(UNKNOWN);
    }

    public long minSecond() {
        return Math.floorDiv(minNanos, 1_000_000_000L);
    }

    public long maxSecond() {
        return Math.floorDiv(maxNanos, 1_000_000_000L);
    }
}
