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
 * Every metric the aggregator publishes, by name, in one place, each with its HELP text. Names are
 * dotted and lower case; Prometheus shows them with their base unit and {@code _total} on counters
 * ({@code hakobu_forward_events_total}, {@code hakobu_buffer_used_bytes}). Tags are bounded: output
 * names from the config and fixed result/type words, never tags or hosts.
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
    public static final String BUFFER_CAPACITY = "hakobu.buffer.capacity";
    public static final String BUFFER_CHUNKS = "hakobu.buffer.chunks";
    public static final String BUFFER_EVENTS = "hakobu.buffer.events";
    public static final String BUFFER_DISCARDS = "hakobu.buffer.discarded.events";
    public static final String BUFFER_QUARANTINED = "hakobu.buffer.quarantined.chunks";
    public static final String BUFFER_BLOCKED = "hakobu.buffer.blocked.appends";
    public static final String OUTPUT_WRITES = "hakobu.output.writes";
    public static final String OUTPUT_WRITE = "hakobu.output.write.duration";
    public static final String OUTPUT_EVENTS = "hakobu.output.delivered.events";
    public static final String OUTPUT_BYTES = "hakobu.output.delivered.bytes";
    public static final String OUTPUT_DEAD_LETTERED = "hakobu.output.dead.lettered.chunks";

    private static final String BYTES = "bytes";

    private AggregatorMetrics() {}

    static void bindForward(MeterRegistry r, ForwardServerStats s) {
        counter(
                r,
                FORWARD_CONNECTIONS,
                "connections accepted on the forward port",
                s,
                x -> x.connections());
        counter(
                r,
                FORWARD_REQUESTS,
                "forward frames (chunks) received and decoded",
                s,
                x -> x.requests());
        counter(r, FORWARD_EVENTS, "events in the forward frames received", s, x -> x.events());
        counter(
                r,
                FORWARD_ACKS,
                "acks sent: chunks every routed output's buffer holds on disk",
                s,
                x -> x.acks());
        forwardError(r, "protocol", s, x -> x.protocolErrors());
        forwardError(r, "idle", s, x -> x.idleTimeouts());
        forwardError(r, "not_stored", s, x -> x.sinkFailures());
        forwardError(r, "auth", s, x -> x.authFailures());
        forwardError(r, "tls", s, x -> x.tlsFailures());
        FunctionCounter.builder(FORWARD_DISCARDED, s, x -> x.refusedTagEvents())
                .tag("reason", "invalid_tag")
                .description(
                        "events acked but not stored: their tag could reach a path, key or manifest")
                .register(r);
    }

    private static void forwardError(
            MeterRegistry r,
            String type,
            ForwardServerStats s,
            ToDoubleFunction<ForwardServerStats> f) {
        FunctionCounter.builder(FORWARD_ERRORS, s, f)
                .description(
                        "forward connections closed or requests not stored, by type: protocol"
                                + " (malformed input, a limit breached), idle, not_stored (no ack),"
                                + " auth (handshake refused), tls (TLS handshake failed)")
                .tag("type", type)
                .register(r);
    }

    static void bindIngest(MeterRegistry r, IngestPipeline p) {
        ingest(r, "buffered", p, x -> x.storedEvents());
        ingest(r, "unmatched", p, x -> x.unmatchedEvents());
        ingest(r, "default_route", p, x -> x.defaultRoutedEvents());
    }

    private static void ingest(
            MeterRegistry r, String result, IngestPipeline p, ToDoubleFunction<IngestPipeline> f) {
        FunctionCounter.builder(INGEST_EVENTS, p, f)
                .description(
                        "events routed, by result: buffered (a route took them), unmatched (no"
                                + " route and no default_route: dropped), default_route")
                .tag("result", result)
                .register(r);
    }

    /** The buffer itself is the meters' state: Micrometer holds it weakly, and the aggregator holds it for its lifetime. */
    static void bindBuffer(MeterRegistry r, String output, DiskBuffer buffer) {
        Gauge.builder(BUFFER_BYTES, buffer, s -> s.stats().usedBytes())
                .description("bytes of chunk files the output's buffer holds on disk")
                .tag("output", output)
                .baseUnit(BYTES)
                .register(r);
        Gauge.builder(BUFFER_CAPACITY, buffer, DiskBuffer::capacityBytes)
                .description(
                        "most bytes the output's buffer may hold (buffer.total_bytes); beyond it"
                                + " buffer.overflow decides")
                .tag("output", output)
                .baseUnit(BYTES)
                .register(r);
        bufferChunks(r, output, "open", buffer, s -> s.stats().openChunks());
        bufferChunks(r, output, "waiting", buffer, s -> s.stats().waitingChunks());
        String events =
                "events appended to the output's buffer (kind=appended) or not appended because it"
                        + " held their chunk already (kind=duplicate, a resend)";
        bufferCounter(
                r,
                BUFFER_EVENTS,
                events,
                output,
                "kind",
                "appended",
                buffer,
                BufferStats::appendedEvents);
        bufferCounter(
                r,
                BUFFER_EVENTS,
                events,
                output,
                "kind",
                "duplicate",
                buffer,
                BufferStats::duplicateEvents);
        bufferCounter(
                r,
                BUFFER_DISCARDS,
                "events deleted from a full buffer (buffer.overflow: drop_oldest)",
                output,
                "reason",
                "drop_oldest",
                buffer,
                BufferStats::droppedEvents);
        bufferCounter(
                r,
                BUFFER_QUARANTINED,
                "corrupt chunk files moved to quarantine/ (disk trouble)",
                output,
                null,
                null,
                buffer,
                BufferStats::quarantinedChunks);
        bufferCounter(
                r,
                OUTPUT_DEAD_LETTERED,
                "chunks the output gave up on, moved to dead-letter/ (replay them with hakobu"
                        + " replay)",
                output,
                null,
                null,
                buffer,
                BufferStats::deadLetteredChunks);
        bufferCounter(
                r,
                BUFFER_BLOCKED,
                "appends that waited for room in a full buffer (buffer.overflow: block)",
                output,
                null,
                null,
                buffer,
                BufferStats::blockedAppends);
    }

    private static void bufferChunks(
            MeterRegistry r,
            String output,
            String state,
            DiskBuffer buffer,
            ToDoubleFunction<DiskBuffer> f) {
        Gauge.builder(BUFFER_CHUNKS, buffer, f)
                .description(
                        "chunks in the output's buffer: open (taking events) or waiting (closed,"
                                + " not yet delivered, in flight included)")
                .tag("output", output)
                .tag("state", state)
                .register(r);
    }

    /** @param key an extra tag's key, or null for none */
    private static void bufferCounter(
            MeterRegistry r,
            String name,
            String help,
            String output,
            String key,
            String value,
            DiskBuffer buffer,
            ToDoubleFunction<BufferStats> count) {
        FunctionCounter.Builder<DiskBuffer> b =
                FunctionCounter.builder(name, buffer, s -> count.applyAsDouble(s.stats()))
                        .description(help)
                        .tag("output", output);
        if (key != null) {
            b.tag(key, value);
        }
        b.register(r);
    }

    private static void counter(
            MeterRegistry r,
            String name,
            String help,
            ForwardServerStats s,
            ToDoubleFunction<ForwardServerStats> f) {
        FunctionCounter.builder(name, s, f).description(help).register(r);
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
