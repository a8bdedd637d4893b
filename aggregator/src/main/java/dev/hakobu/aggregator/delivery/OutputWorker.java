package dev.hakobu.aggregator.delivery;

import dev.hakobu.aggregator.buffer.BufferChunk;
import dev.hakobu.aggregator.buffer.CorruptChunkException;
import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.Output;
import dev.hakobu.output.WriteResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes closed chunks from one buffer and writes them to its output: Delivered deletes the chunk (after its
 * ids are remembered), Retry schedules it again with backoff until {@code max_retry_time}, then (or at once
 * for Rejected) it moves to the dead-letter folder with the reason. A chunk is deleted only after the sink
 * confirmed it. Threading: {@link #runOnce} is called by one worker thread (or a test) at a time per
 * instance; several instances share a buffer safely.
 */
public final class OutputWorker {
    private static final Logger log = LoggerFactory.getLogger(OutputWorker.class);

    /** From this attempt on, an output that throws (a bug, not an answer) sends the chunk to dead letters. */
    static final int MAX_THROWS = 3;

    private final String name;
    private final DiskBuffer buffer;
    private final Output output;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final DeliveryHealth health;
    private final FailingAlone failingAlone;

    public OutputWorker(
            String name, DiskBuffer buffer, Output output, RetrySchedule schedule, Clock clock) {
        this(
                name,
                buffer,
                output,
                schedule,
                clock,
                new DeliveryHealth(),
                new FailingAlone(Long.MAX_VALUE));
    }

    OutputWorker(
            String name,
            DiskBuffer buffer,
            Output output,
            RetrySchedule schedule,
            Clock clock,
            DeliveryHealth health,
            FailingAlone failingAlone) {
        this.name = name;
        this.buffer = buffer;
        this.output = output;
        this.schedule = schedule;
        this.clock = clock;
        this.health = health;
        this.failingAlone = failingAlone;
    }

    /** Delivers (or reschedules) one due chunk; false when none was due. */
    public boolean runOnce() {
        Optional<BufferChunk> next = buffer.poll();
        if (next.isEmpty()) {
            return false;
        }
        BufferChunk c = next.get();
        Chunk chunk;
        try {
            chunk = buffer.read(c);
        } catch (CorruptChunkException e) {
            settle(c, () -> buffer.quarantine(c, e.getMessage()));
            return true;
        } catch (IOException e) {
            failed(c, "cannot read the chunk: " + e, true);
            return true;
        }
        WriteResult result;
        try {
            result = output.write(chunk);
        } catch (RuntimeException e) {
            if (c.attempts() + 1 >= MAX_THROWS) {
                // a chunk that makes the output throw every time would otherwise hold its buffer
                // space for
                // max_retry_time; dead letters keep it for replay once the output is fixed
                result =
                        new WriteResult.Rejected(
                                "the output threw on attempt "
                                        + (c.attempts() + 1)
                                        + " (a bug, not an answer"
                                        + " worth retrying): "
                                        + e);
            } else {
                log.error("{}: output threw on {} (a bug; retrying as if it asked to)", name, c, e);
                result = new WriteResult.Retry("output threw " + e);
            }
        }
        if (result instanceof WriteResult.Retry r) {
            failed(c, r.reason(), health.failed(r.reason(), clock.millis()));
        } else if (result instanceof WriteResult.Rejected r) {
            deadLetter(c, "rejected by the output: " + r.reason());
        } else {
            health.delivered(clock.millis());
            failingAlone.settled(c);
            settle(c, () -> buffer.delivered(c));
        }
        return true;
    }

    /** Loops until {@code stop} says so, or, once {@code draining}, until nothing is due; between polls waits for work. */
    void loop(BooleanSupplier stop, BooleanSupplier draining) {
        while (!stop.getAsBoolean()) {
            if (!runOnce()) {
                if (draining.getAsBoolean()) {
                    return;
                }
                try {
                    buffer.awaitWork(Duration.ofMillis(200));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void failed(BufferChunk c, String reason, boolean warn) {
        long now = clock.millis();
        c.failed(now);
        boolean othersDelivered = health.lastDeliveredMillis() > c.firstFailureMillis();
        if (failingAlone.overShare(c, othersDelivered)) {
            deadLetter(
                    c,
                    "failing while this output delivers other chunks ("
                            + c.attempts()
                            + " tries), and such chunks"
                            + " hold more than delivery.max_failing_alone_percent of the buffer; last error: "
                            + reason);
            return;
        }
        if (schedule.exhausted(c.firstFailureMillis(), now)) {
            deadLetter(
                    c,
                    "gave up after "
                            + c.attempts()
                            + " tries over "
                            + Duration.ofMillis(now - c.firstFailureMillis())
                            + "; last error: "
                            + reason);
            return;
        }
        long delay = schedule.delayMillis(c.attempts());
        if (warn) {
            log.warn(
                    "{}: {} not delivered (try {}), next try in {} ms: {} (the same failure is"
                            + " logged again in a minute if it lasts)",
                    name,
                    c,
                    c.attempts(),
                    delay,
                    reason);
        } else {
            log.debug(
                    "{}: {} not delivered (try {}), next try in {} ms: {}",
                    name,
                    c,
                    c.attempts(),
                    delay,
                    reason);
        }
        buffer.retry(c, now + delay);
    }

    private void deadLetter(BufferChunk c, String reason) {
        failingAlone.settled(c);
        log.error("{}: {} goes to {}: {}", name, c, buffer.deadLetterDir(), reason);
        settle(c, () -> buffer.deadLetter(c, reason));
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs the final step for a chunk; if the disk refuses it, the chunk stays and is tried again later. */
    private void settle(BufferChunk c, Step step) {
        try {
            step.run();
        } catch (IOException e) {
            long now = clock.millis();
            c.failed(now);
            log.warn("{}: cannot settle {}: {}; trying again", name, c, e.toString());
            buffer.retry(c, now + schedule.delayMillis(c.attempts()));
        }
    }
}
