package dev.hakobu.aggregator;

import dev.hakobu.aggregator.buffer.BufferStats;
import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.aggregator.ingest.IngestPipeline;
import dev.hakobu.forward.ForwardServerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Every metric the aggregator publishes, by name, in one place. Names are dotted and lower case
 * (Prometheus shows {@code hakobu_forward_events_total}); tags are bounded: output names from the config
 * and fixed result/type words, never tags or hosts.
 */
public final class AggregatorMetrics {
    public static final String FORWARD_CONNECTIONS = "hakobu.forward.connections";
    public static final String FORWARD_REQUESTS = "hakobu.forward.requests";
    public static final String FORWARD_EVENTS = "hakobu.forward.events";
    public static final String FORWARD_ACKS = "hakobu.forward.acks";
    public static final String FORWARD_ERRORS = "hakobu.forward.errors";
    public static final String FORWARD_DISCARDED = "hakobu.forward.discarded.events";
    public static final String INGEST_EVENTS = "hakobu.ingest.events";
    public static final String BUFFER_BYTES = "hakobu.buffer.used";
    public static final String BUFFER_CHUNKS = "hakobu.buffer.chunks";
    public static final String BUFFER_EVENTS = "hakobu.buffer.events";
    public static final String BUFFER_DISCARDS = "hakobu.buffer.discarded.events";
    public static final String BUFFER_SET_ASIDE = "hakobu.buffer.set.aside.chunks";
    public static final String BUFFER_BLOCKED = "hakobu.buffer.blocked.appends";
    public static final String OUTPUT_WRITES = "hakobu.output.writes";
    public static final String OUTPUT_WRITE = "hakobu.output.write.duration";
    public static final String OUTPUT_EVENTS = "hakobu.output.delivered.events";
    public static final String OUTPUT_BYTES = "hakobu.output.delivered.bytes";

    private AggregatorMetrics() {}

    static void bindForward(MeterRegistry r, ForwardServerStats s) {
        counter(r, FORWARD_CONNECTIONS, s, x -> x.connections());
        counter(r, FORWARD_REQUESTS, s, x -> x.requests());
        counter(r, FORWARD_EVENTS, s, x -> x.events());
        counter(r, FORWARD_ACKS, s, x -> x.acks());
        FunctionCounter.builder(FORWARD_ERRORS, s, x -> x.protocolErrors())
                .tag("type", "protocol")
                .register(r);
        FunctionCounter.builder(FORWARD_ERRORS, s, x -> x.idleTimeouts())
                .tag("type", "idle")
                .register(r);
        FunctionCounter.builder(FORWARD_ERRORS, s, x -> x.sinkFailures())
                .tag("type", "not_stored")
                .register(r);
        FunctionCounter.builder(FORWARD_ERRORS, s, x -> x.authFailures())
                .tag("type", "auth")
                .register(r);
        FunctionCounter.builder(FORWARD_ERRORS, s, x -> x.tlsFailures())
                .tag("type", "tls")
                .register(r);
        FunctionCounter.builder(FORWARD_DISCARDED, s, x -> x.refusedTagEvents())
                .tag("reason", "invalid_tag")
                .description(
                        "events acked but not stored: their tag could reach a path, key or manifest")
                .register(r);
    }

    static void bindIngest(MeterRegistry r, IngestPipeline p) {
        FunctionCounter.builder(INGEST_EVENTS, p, x -> x.storedEvents())
                .tag("result", "buffered")
                .register(r);
        FunctionCounter.builder(INGEST_EVENTS, p, x -> x.unmatchedEvents())
                .tag("result", "unmatched")
                .register(r);
        FunctionCounter.builder(INGEST_EVENTS, p, x -> x.defaultRoutedEvents())
                .tag("result", "default_route")
                .register(r);
    }

    /** The buffer itself is the meters' state: Micrometer holds it weakly, and the aggregator holds it for its lifetime. */
    static void bindBuffer(MeterRegistry r, String output, DiskBuffer stats) {
        Gauge.builder(BUFFER_BYTES, stats, s -> s.stats().usedBytes())
                .tag("output", output)
                .baseUnit("bytes")
                .register(r);
        Gauge.builder(BUFFER_CHUNKS, stats, s -> s.stats().openChunks())
                .tag("output", output)
                .tag("state", "open")
                .register(r);
        Gauge.builder(BUFFER_CHUNKS, stats, s -> s.stats().waitingChunks())
                .tag("output", output)
                .tag("state", "waiting")
                .register(r);
        bufferCounter(r, BUFFER_EVENTS, output, "appended", stats, BufferStats::appendedEvents);
        bufferCounter(r, BUFFER_EVENTS, output, "duplicate", stats, BufferStats::duplicateEvents);
        bufferCounter(r, BUFFER_DISCARDS, output, "drop_oldest", stats, BufferStats::droppedEvents);
        bufferCounter(
                r, BUFFER_SET_ASIDE, output, "quarantine", stats, BufferStats::quarantinedChunks);
        bufferCounter(
                r, BUFFER_SET_ASIDE, output, "dead_letter", stats, BufferStats::deadLetteredChunks);
        FunctionCounter.builder(BUFFER_BLOCKED, stats, s -> s.stats().blockedAppends())
                .tag("output", output)
                .register(r);
    }

    private static void bufferCounter(
            MeterRegistry r,
            String name,
            String output,
            String kind,
            DiskBuffer stats,
            ToDoubleFunction<BufferStats> value) {
        FunctionCounter.builder(name, stats, s -> value.applyAsDouble(s.stats()))
                .tag("output", output)
                .tag("kind", kind)
                .register(r);
    }

    private static void counter(
            MeterRegistry r,
            String name,
            ForwardServerStats s,
            ToDoubleFunction<ForwardServerStats> f) {
        FunctionCounter.builder(name, s, f).register(r);
    }

    /** For /api/status. */
    static Map<String, Object> bufferStatus(BufferStats s) {
        return Map.of(
                "used_bytes",
                s.usedBytes(),
                "open_chunks",
                s.openChunks(),
                "waiting_chunks",
                s.waitingChunks(),
                "appended_events",
                s.appendedEvents(),
                "duplicate_events",
                s.duplicateEvents(),
                "dropped_events",
                s.droppedEvents(),
                "quarantined_chunks",
                s.quarantinedChunks(),
                "dead_lettered_chunks",
                s.deadLetteredChunks(),
                "blocked_appends",
                s.blockedAppends());
    }
}
