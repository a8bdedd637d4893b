package dev.hakobu.agent;

import dev.hakobu.agent.ship.Positions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Every metric the agent publishes, by name, in one place; no per-file or per-tag tags (a tag
 * template can make tags from file names), so the series count stays bounded.
 */
final class AgentMetrics {
    static final String CHUNKS = "hakobu.agent.chunks";
    static final String EVENTS = "hakobu.agent.events";
    static final String BYTES = "hakobu.agent.bytes";
    static final String IN_FLIGHT = "hakobu.agent.in.flight.chunks";
    static final String ACK_LATENCY = "hakobu.agent.ack.latency";
    static final String JOURNAL_ERRORS = "hakobu.agent.journal.errors";
    static final String RESENT = "hakobu.agent.resent.chunks";
    static final String FILE_LAG = "hakobu.agent.file.lag";
    private final MeterRegistry registry;
    private final java.util.Set<String> lagPaths =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    final Counter chunksSent;
    final Counter chunksAcked;
    final Counter eventsSent;
    final Counter eventsAcked;
    final Counter bytesSent;
    final Counter journalErrors;
    final Counter resent;
    final Timer ackLatency;

    AgentMetrics(MeterRegistry r, Positions positions) {
        this.registry = r;
        chunksSent = Counter.builder(CHUNKS).tag("state", "sent").register(r);
        chunksAcked = Counter.builder(CHUNKS).tag("state", "acked").register(r);
        eventsSent = Counter.builder(EVENTS).tag("state", "sent").register(r);
        eventsAcked = Counter.builder(EVENTS).tag("state", "acked").register(r);
        bytesSent = Counter.builder(BYTES).tag("state", "sent").baseUnit("bytes").register(r);
        journalErrors = Counter.builder(JOURNAL_ERRORS).register(r);
        resent =
                Counter.builder(RESENT)
                        .description("chunks left in flight by a previous run and sent again")
                        .register(r);
        ackLatency = Timer.builder(ACK_LATENCY).publishPercentiles(0.5, 0.99).register(r);
        Gauge.builder(IN_FLIGHT, positions, Positions::inFlight).register(r);
    }

    /** Registers a lag gauge for every opted-in path seen so far (the map is the reader's live view). */
    void bindLag(java.util.Map<String, Long> lag) {
        for (String path : lag.keySet()) {
            if (lagPaths.add(path)) {
                Gauge.builder(FILE_LAG, lag, m -> m.getOrDefault(path, 0L))
                        .tag("path", path)
                        .baseUnit("bytes")
                        .register(registry);
            }
        }
    }
}
