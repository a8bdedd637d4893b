package dev.hakobu.aggregator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryHealthTest {
    private final DeliveryHealth health = new DeliveryHealth();

    @Test
    void theSameFailureIsWorthAWarnLineOnceAMinuteAndANewOneAtOnce() {
        assertThat(health.failed("bucket b does not exist", 0)).isTrue();
        assertThat(health.failed("bucket b does not exist", 1_000)).isFalse();
        assertThat(health.failed("bucket b does not exist", 59_999)).isFalse();
        assertThat(health.failed("bucket b does not exist", 60_000)).isTrue();
        assertThat(health.failed("S3 unreachable", 60_001)).isTrue();
        assertThat(health.failed("S3 unreachable", 60_002)).isFalse();
        assertThat(health.failuresInARow()).isEqualTo(6);
        assertThat(health.lastError()).isEqualTo("S3 unreachable");

        health.delivered(61_000);
        assertThat(health.failed("S3 unreachable", 61_001)).isTrue(); // a new episode
        assertThat(health.failuresInARow()).isEqualTo(1);
    }
}
