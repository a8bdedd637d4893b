package dev.hakobu.outputs.retry;

import dev.hakobu.retry.Backoff;
import java.time.Duration;

/**
 * The item retries of one write: backoff delays until their sum would pass {@code budget}, after which
 * the write hands what is left back to the delivery worker. Counting paused time, not wall time, keeps
 * the bound exact under a fake pause. One per write call; not thread-safe.
 */
public final class RetryBudget {
    private final Backoff backoff;
    private final Pause pause;
    private final long budgetNanos;
    private long spentNanos;
    private int attempts;
    private int retries;

    public RetryBudget(Backoff backoff, Pause pause, Duration budget) {
        this.backoff = backoff;
        this.pause = pause;
        this.budgetNanos = budget.toNanos();
    }

    /**
     * Waits before the next retry.
     *
     * @return false, without waiting, when the budget is spent (or the thread was interrupted)
     */
    public boolean awaitNext() {
        Duration d = backoff.delay(++attempts);
        if (spentNanos + d.toNanos() > budgetNanos) {
            return false;
        }
        try {
            pause.pause(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        spentNanos += d.toNanos();
        retries++;
        return true;
    }

    /** Retries waited for so far. */
    public int retries() {
        return retries;
    }
}
