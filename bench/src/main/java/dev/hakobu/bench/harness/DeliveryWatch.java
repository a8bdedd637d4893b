package dev.hakobu.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Samples an output's delivered-events counter every 20 ms on its own thread, so a run can report its
 * sustained rate: events per second between 10% and 90% of the total delivered. The end-to-end rate
 * (first send to last event delivered) also holds the final, partly filled chunk's wait for
 * {@code buffer.max_age}, which says more about that setting than about throughput.
 */
final class DeliveryWatch implements AutoCloseable {
    private record Sample(long nanos, long delivered) {}

    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    DeliveryWatch(LongSupplier delivered) {
        this.thread =
                new Thread(
                        () -> {
                            while (running) {
                                long d = delivered.getAsLong();
                                synchronized (samples) {
                                    samples.add(new Sample(System.nanoTime(), d));
                                }
                                try {
                                    Thread.sleep(20);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "delivery-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Events per second between {@code base + 10%} and {@code base + 90%} of {@code total}; NaN if not seen. */
    double sustainedRate(long base, long total) {
        double from = time(base + total / 10);
        double to = time(base + total * 9 / 10);
        return (total * 0.8) / ((to - from) / 1e9);
    }

    /** The interpolated time the counter passed {@code value}. */
    private double time(long value) {
        synchronized (samples) {
            for (int i = 1; i < samples.size(); i++) {
                Sample a = samples.get(i - 1);
                Sample b = samples.get(i);
                if (a.delivered() < value && b.delivered() >= value) {
                    return a.nanos()
                            + (double) (b.nanos() - a.nanos())
                                    * (value - a.delivered())
                                    / (b.delivered() - a.delivered());
                }
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
