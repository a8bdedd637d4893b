package dev.hakobu.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
    @Test
    void theLadderIsCutAtTheLongestBoundAskedFor() {
        assertThat(LatencyBuckets.upTo(Duration.ofSeconds(60)))
                .hasSize(13)
                .startsWith(Duration.ofMillis(5))
                .endsWith(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(LatencyBuckets.upTo(Duration.ofMinutes(5)))
                .hasSize(15)
                .endsWith(Duration.ofSeconds(300));
        assertThat(LatencyBuckets.upTo(Duration.ofMillis(4))).isEmpty();
    }
}
