package dev.hakobu.outputs.retry;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.retry.Backoff;
import java.time.Duration;
import java.util.random.RandomGenerator;

@Doc(
        "Retries of single failed records (throttled, server errors) within one write, before the delivery worker's chunk retries take over.")
public record ItemRetryConfig(
        @Doc("Delay before the first retry.") @Default("100ms") Duration initialDelay,
        @Doc("Longest delay between retries.") @Default("5s") Duration maxDelay,
        @Doc("Total delay spent retrying within one write; 0s hands failed records back at once.")
                @Default("30s")
                Duration maxTime) {

    public ItemRetryConfig {
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initial_delay: must be positive");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max_delay: must be at least initial_delay");
        }
        if (maxTime.isNegative()) {
            throw new IllegalArgumentException("max_time: must not be negative");
        }
    }

    /** A fresh budget for one write. */
    public RetryBudget budget(RandomGenerator random, Pause pause) {
        return new RetryBudget(new Backoff(initialDelay, maxDelay, random), pause, maxTime);
    }
}
