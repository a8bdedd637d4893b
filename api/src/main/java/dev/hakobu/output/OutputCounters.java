package dev.hakobu.output;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an output did, counted without a registry (so tests read them directly) and bound to one on
 * demand. Request errors are counted by a small closed set of types, never by message. Thread-safe.
 */
public final class OutputCounters {
    /** Why a request failed as a whole. */
    public enum ErrorType {
        UNREACHABLE,
        THROTTLED,
        SERVER,
        REFUSED
    }

    public final LongAdder recordsIn = new LongAdder();
    public final LongAdder recordsDelivered = new LongAdder();
    public final LongAdder recordsRetried = new LongAdder();
    public final LongAdder recordsDeadLettered = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder requests = new LongAdder();
    private final LongAdder[] errors = new LongAdder[ErrorType.values().length];

    public OutputCounters() {
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    public void requestError(ErrorType type) {
        errors[type.ordinal()].increment();
    }

    public long requestErrors(ErrorType type) {
        return errors[type.ordinal()].sum();
    }

    public void bindTo(MeterRegistry registry, String output) {
        bind(
                registry,
                OutputMetricNames.RECORDS_IN,
                "records the output was given",
                output,
                recordsIn);
        bind(
                registry,
                OutputMetricNames.RECORDS_DELIVERED,
                "records the sink took",
                output,
                recordsDelivered);
        bind(
                registry,
                OutputMetricNames.RECORDS_RETRIED,
                "records sent again within a write (throttled, server errors)",
                output,
                recordsRetried);
        bind(
                registry,
                OutputMetricNames.RECORDS_DEAD_LETTERED,
                "records the sink refused one by one, written to dead-letter/records/",
                output,
                recordsDeadLettered);
        FunctionCounter.builder(OutputMetricNames.BYTES_OUT, bytesOut, LongAdder::sum)
                .description("bytes sent to the sink (encoded and compressed)")
                .baseUnit("bytes")
                .tag(OutputMetricNames.TAG_OUTPUT, output)
                .register(registry);
        bind(registry, OutputMetricNames.REQUESTS, "requests sent to the sink", output, requests);
        for (ErrorType t : ErrorType.values()) {
            FunctionCounter.builder(
                            OutputMetricNames.REQUEST_ERRORS, errors[t.ordinal()], LongAdder::sum)
                    .description(
                            "requests that failed as a whole, by type: unreachable, throttled,"
                                    + " server, refused")
                    .tag(OutputMetricNames.TAG_OUTPUT, output)
                    .tag(OutputMetricNames.TAG_TYPE, t.name().toLowerCase())
                    .register(registry);
        }
    }

    private static void bind(
            MeterRegistry registry, String name, String help, String output, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum)
                .description(help)
                .tag(OutputMetricNames.TAG_OUTPUT, output)
                .register(registry);
    }
}
