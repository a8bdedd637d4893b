package dev.hakobu.aggregator.delivery;

import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.output.Output;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output with its buffer and its worker threads. {@link #drainAndClose} is the graceful stop: open
 * chunks close, workers keep delivering what is due until nothing is or the drain time is over, and what
 * is left (chunks waiting for a retry, chunks not reached) stays on disk for the next start.
 * Threading: workers are daemon threads named {@code hakobu-output-<name>-<n>}.
 */
public final class OutputDelivery {
    private static final Logger log = LoggerFactory.getLogger(OutputDelivery.class);
    private final String name;
    private final DiskBuffer buffer;
    private final Output output;
    private final List<Thread> threads = new ArrayList<>();
    private final DeliveryHealth health = new DeliveryHealth();
    private volatile boolean draining;
    private volatile long stopAtNanos = Long.MAX_VALUE;

    /** @param bufferBytes the buffer's total_bytes, of which chunks failing alone may hold a share */
    public OutputDelivery(
            String name,
            DiskBuffer buffer,
            Output output,
            DeliveryConfig config,
            long bufferBytes,
            Clock clock,
            RandomGenerator random) {
        this.name = name;
        this.buffer = buffer;
        this.output = output;
        RetrySchedule schedule = config.retrySchedule(random);
        FailingAlone failingAlone =
                new FailingAlone(bufferBytes / 100 * config.maxFailingAlonePercent());
        for (int i = 1; i <= config.workersPerOutput(); i++) {
            OutputWorker worker =
                    new OutputWorker(name, buffer, output, schedule, clock, health, failingAlone);
            Thread t =
                    new Thread(
                            () -> worker.loop(this::stop, () -> draining),
                            "hakobu-output-" + name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    public DiskBuffer buffer() {
        return buffer;
    }

    /** The output its workers write to. */
    public Output output() {
        return output;
    }

    public DeliveryHealth health() {
        return health;
    }

    /** Worker threads still running (all of them, until the graceful stop; fewer means one died). */
    public long liveWorkers() {
        return threads.stream().filter(Thread::isAlive).count();
    }

    public int workers() {
        return threads.size();
    }

    public boolean draining() {
        return draining;
    }

    private boolean stop() {
        return System.nanoTime() - stopAtNanos >= 0;
    }

    /** Stops appends first (the server is closed by then), then drains for at most {@code drain}, then closes. */
    public void drainAndClose(Duration drain) {
        buffer.closeOpenChunks();
        stopAtNanos = System.nanoTime() + drain.toNanos();
        draining = true;
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, drain.toMillis() + 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.interrupt();
        }
        try {
            buffer.close();
        } catch (IOException e) {
            log.warn("{}: closing the buffer: {}", name, e.toString());
        }
        output.close();
        log.info(
                "{}: stopped; {} chunks left on disk for the next start",
                name,
                buffer.stats().waitingChunks());
    }
}
