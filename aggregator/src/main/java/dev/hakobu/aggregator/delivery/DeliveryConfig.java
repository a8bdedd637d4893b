package dev.hakobu.aggregator.delivery;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;
import java.time.Duration;
import java.util.random.RandomGenerator;

@Doc(
        "How closed buffer chunks go to each output: workers, retries, dead letters, and the drain on shutdown.")
public record DeliveryConfig(
        @Doc("Threads writing chunks to each output.") @Default("2") @Range(min = 1, max = 64)
                int workersPerOutput,
        @Doc(
                        "First wait after a failed write; doubles per failure, with jitter (half to all of it).")
                @Default("1s")
                Duration retryInitial,
        @Doc("Longest wait between two tries of a chunk.") @Default("5m") Duration retryMax,
        @Doc(
                        "After failing this long a chunk moves to the output's dead-letter folder (replay it with hakobu replay).")
                @Default("24h")
                Duration maxRetryTime,
        @Doc(
                        "On shutdown, workers keep delivering what is due for at most this long; the rest stays on disk.")
                @Default("10s")
                Duration drainTimeout,
        @Doc(
                        "Percent of buffer.total_bytes that chunks failing while the same output delivers others may hold; past"
                                + " it such a chunk goes to dead letters at once (an outage, where every chunk fails, is not limited)")
                @Default("25")
                @Range(min = 1, max = 100)
                int maxFailingAlonePercent) {

    public DeliveryConfig {
        positive(retryInitial, "retry_initial");
        positive(retryMax, "retry_max");
        positive(maxRetryTime, "max_retry_time");
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain_timeout: must not be negative");
        }
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException(
                    "retry_max: must not be below retry_initial (" + retryInitial + ")");
        }
    }

    private static void positive(Duration d, String key) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be a positive duration, e.g. 1s");
        }
    }

    public RetrySchedule retrySchedule(RandomGenerator random) {
        return new RetrySchedule(retryInitial, retryMax, maxRetryTime, random);
    }
}
