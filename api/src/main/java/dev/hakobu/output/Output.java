package dev.hakobu.output;

import java.util.Optional;

/**
 * A sink. See the package contract. The aggregator's workers of one output call {@link #write}
 * concurrently, and {@link #health()} from yet another thread; {@link #close()} is idempotent.
 *
 * <p>Lifecycle in two phases: {@link OutputConfig#build} builds the output and starts no thread (it may
 * run while the previous instance of the same output is still running, during a reload, so it must not
 * touch that one's state either); {@link #start} starts its own threads, once, before the first write;
 * {@link #close} stops whatever was started and is safe on an output that was never started.
 */
public interface Output extends AutoCloseable {

    /** Starts the output's own threads (timers, flushers); outputs that have none keep this default. */
    default void start() {}

    WriteResult write(Chunk chunk);

    /** What the sink holds when a chunk is written again; the javadoc of each implementation says why. */
    DeliveryGuarantee deliveryGuarantee();

    /**
     * Asks the sink now (a cheap request with a short timeout) and never throws. It may block for that
     * timeout, so callers ask off the threads that serve requests. Outputs that have no cheap question to
     * ask keep this default, which says so; their write results show whether they work.
     */
    default Health health() {
        return Health.up("not checked: this output has no health check");
    }

    /**
     * What the output counted (records in, delivered, retried and dead-lettered, requests, errors by type),
     * for the aggregator to publish under {@link OutputMetricNames}; empty when the output counts nothing
     * beyond the aggregator's per-write meters.
     */
    default Optional<OutputCounters> counters() {
        return Optional.empty();
    }

    @Override
    void close();
}
