package dev.hakobu.aggregator;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Health;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.output.WriteResult;
import dev.hakobu.runtime.metrics.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Counts what an output does with each chunk (by result), the events and bytes it took, and how long
 * each write took: the "which output is behind and why" of the dashboards. Wraps any output and answers
 * for it otherwise. In this package, not in {@code delivery}, because its names are the aggregator's
 * metrics ({@link AggregatorMetrics}), and delivery must not depend back on the package that wires it.
 */
final class MeteredOutput implements Output {
    /**
     * Buckets of {@code hakobu_output_write_duration_seconds}: a file output writes in milliseconds,
     * an upload or a bulk request of a large chunk takes seconds, a sink that throttles or retries
     * inside one write minutes.
     */
    static final Duration[] WRITE_BUCKETS = LatencyBuckets.upTo(Duration.ofMinutes(5));

    private final Output output;
    private final Timer latency;
    private final Counter delivered;
    private final Counter retried;
    private final Counter rejected;
    private final Counter events;
    private final Counter bytes;

    MeteredOutput(String name, Output output, MeterRegistry registry) {
        this.output = output;
        this.latency =
                Timer.builder(AggregatorMetrics.OUTPUT_WRITE)
                        .description("time one Output.write of a chunk took, whatever its result")
                        .tag("output", name)
                        .serviceLevelObjectives(WRITE_BUCKETS)
                        .register(registry);
        this.delivered = result(registry, name, "delivered");
        this.retried = result(registry, name, "retry");
        this.rejected = result(registry, name, "rejected");
        this.events =
                Counter.builder(AggregatorMetrics.OUTPUT_EVENTS)
                        .description("events in the chunks the output delivered")
                        .tag("output", name)
                        .register(registry);
        this.bytes =
                Counter.builder(AggregatorMetrics.OUTPUT_BYTES)
                        .description(
                                "bytes of the chunks the output delivered, as buffered (msgpack"
                                        + " entries, before the output's encoding)")
                        .tag("output", name)
                        .baseUnit("bytes")
                        .register(registry);
    }

    private static Counter result(MeterRegistry registry, String name, String result) {
        return Counter.builder(AggregatorMetrics.OUTPUT_WRITES)
                .description(
                        "chunk writes by result: delivered, retry (kept, tried again after a"
                                + " backoff), rejected (to dead letters)")
                .tag("output", name)
                .tag("result", result)
                .register(registry);
    }

    @Override
    public WriteResult write(Chunk chunk) {
        long start = System.nanoTime();
        WriteResult result = output.write(chunk);
        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (result instanceof WriteResult.Delivered) {
            delivered.increment();
            events.increment(chunk.count());
            bytes.increment(chunk.length());
        } else if (result instanceof WriteResult.Retry) {
            retried.increment();
        } else {
            rejected.increment();
        }
        return result;
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return output.deliveryGuarantee();
    }

    @Override
    public Health health() {
        return output.health();
    }

    @Override
    public Optional<OutputCounters> counters() {
        return output.counters();
    }

    @Override
    public void close() {
        output.close();
    }
}
