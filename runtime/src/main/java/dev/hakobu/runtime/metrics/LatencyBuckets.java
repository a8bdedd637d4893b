package dev.hakobu.runtime.metrics;

import java.time.Duration;
import java.util.Arrays;

/**
 * The bucket bounds of every latency histogram, one ladder for both roles so that panels and alerts
 * read the same {@code le} values everywhere: 5 ms to 5 min, in about 2.5x steps.
 */
public final class LatencyBuckets {
    private static final Duration[] LADDER = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120),
        Duration.ofSeconds(300)
    };

    private LatencyBuckets() {}

    /** The bounds up to {@code max} inclusive (what is longer lands in {@code +Inf}). */
    public static Duration[] upTo(Duration max) {
        return Arrays.stream(LADDER).filter(d -> d.compareTo(max) <= 0).toArray(Duration[]::new);
    }
}
