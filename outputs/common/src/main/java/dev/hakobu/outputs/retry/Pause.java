package dev.hakobu.outputs.retry;

import java.time.Duration;

/** Waits between retries; injected so that tests run without waiting and see every delay. */
@FunctionalInterface
public interface Pause {
    Pause SLEEP = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

    void pause(Duration delay) throws InterruptedException;
}
