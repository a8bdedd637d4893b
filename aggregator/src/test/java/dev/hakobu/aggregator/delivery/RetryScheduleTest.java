package dev.hakobu.aggregator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule schedule =
            new RetrySchedule(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(60),
                    Duration.ofHours(1),
                    new SplittableRandom(42));

    @Test
    void theWaitDoublesPerFailureWithJitterKeepingAtLeastHalf() {
        for (int failures = 1; failures <= 6; failures++) {
            long base = 1000L << (failures - 1);
            assertThat(schedule.delayMillis(failures)).isBetween(base / 2, base);
        }
    }

    @Test
    void theWaitIsCappedEvenAfterVeryManyFailures() {
        assertThat(schedule.delayMillis(10)).isBetween(30_000L, 60_000L);
        assertThat(schedule.delayMillis(5_000)).isBetween(30_000L, 60_000L);
    }

    @Test
    void retryingStopsOnlyAfterTheMaximumRetryTime() {
        assertThat(schedule.exhausted(-1, 10_000_000)).isFalse();
        assertThat(schedule.exhausted(0, 3_599_999)).isFalse();
        assertThat(schedule.exhausted(0, 3_600_000)).isTrue();
    }
}
