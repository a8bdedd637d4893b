package dev.hakobu.forward;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until a deadline, so that tests wait for outcomes, not for time. */
final class Await {
    private Await() {}

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(
                    2_000_000); // poll interval, not a wait for time
        }
    }
}
