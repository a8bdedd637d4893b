package dev.hakobu.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** Equal jitter as specified: base = min * 2^(attempt-1) capped at max; half of it fixed, half drawn. */
    private static long expected(long min, long max, int attempt, SplittableRandom random) {
        long base = Math.min(max, min << Math.min(attempt - 1, 30));
        long half = base / 2;
        return base - half + random.nextLong(half + 1);
    }

    @Test
    void eachDelayIsTheDoubledBaseWithItsUpperHalfDrawnFromTheInjectedRandom() {
        Backoff backoff =
                new Backoff(
                        Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(11));
        SplittableRandom reference = new SplittableRandom(11);
        for (int attempt = 1; attempt <= 20; attempt++) {
            long nanos = expected(100_000_000L, 5_000_000_000L, attempt, reference);
            assertThat(backoff.delayNanos(attempt)).as("attempt %d", attempt).isEqualTo(nanos);
        }
    }

    @Test
    void delayAndDelayNanosAreTheSameScheduleInTwoShapes() {
        Backoff a =
                new Backoff(
                        Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(7));
        Backoff b =
                new Backoff(
                        Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(7));
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(a.delay(attempt).toNanos()).isEqualTo(b.delayNanos(attempt));
        }
    }

    @Test
    void aMillisecondBackoffDrawsWholeMillisecondsFromTheSameFormula() {
        Backoff backoff =
                new Backoff(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        TimeUnit.MILLISECONDS,
                        new SplittableRandom(42));
        SplittableRandom reference = new SplittableRandom(42);
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(backoff.delay(attempt))
                    .isEqualTo(Duration.ofMillis(expected(1_000, 60_000, attempt, reference)));
        }
    }

    @Test
    void theDelayStaysCappedAfterVeryManyAttemptsAndTheFirstAttemptIsNotDoubled() {
        Backoff backoff =
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new SplittableRandom(3));
        assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(backoff.delay(0))
                .as("attempt 0 counts as the first")
                .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(backoff.delay(64)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(backoff.delay(Integer.MAX_VALUE))
                .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void aMinimumBelowTheResolutionCountsAsOneUnitAndAMaximumBelowTheMinimumAsTheMinimum() {
        Backoff backoff =
                new Backoff(
                        Duration.ofNanos(1),
                        Duration.ZERO,
                        TimeUnit.MILLISECONDS,
                        new SplittableRandom(1));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(1));
        assertThat(backoff.delay(10)).isEqualTo(Duration.ofMillis(1));
    }
}
