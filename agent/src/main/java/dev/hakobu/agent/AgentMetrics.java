package dev.hakobu.agent;

import dev.hakobu.agent.ship.Positions;
import dev.hakobu.agent.tail.SourceCounters;
import dev.hakobu.runtime.metrics.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Every metric the agent publishes, by name, in one place, each with its HELP text; no per-file or
 * per-event-tag tags (a tag template can make tags from file names), so the series count stays
 * bounded: per-source counters carry the source's {@code tag:} as configured, templates unresolved.
 * Prometheus shows the names with base units and {@code _total}: {@code hakobu_agent_lines_read_total},
 * {@code hakobu_agent_ack_latency_seconds_bucket}.
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
    static final String LINES_READ = "hakobu.agent.lines.read";
    static final String PARSE_ERRORS = "hakobu.agent.parse.errors";
    static final String LINES_TRUNCATED = "hakobu.agent.lines.truncated";
    static final String LINES_SKIPPED = "hakobu.agent.lines.skipped";

    /** The tag of the per-source counters: the source's {@code tag:} as configured. */
    static final String SOURCE = "source";

    /**
     * Buckets of the ack latency (send to ack): a few ms on a quiet LAN, seconds when the aggregator's
     * disk is slow or a chunk waits for a failover, up to the ack timeout.
     */
    static final Duration[] ACK_BUCKETS = LatencyBuckets.upTo(Duration.ofSeconds(60));

    private final MeterRegistry registry;
    private final Set<String> lagPaths = ConcurrentHashMap.newKeySet();

    /** The per-source counters by tag: Micrometer holds a function counter's object weakly, this strongly. */
    private final Map<String, List<SourceCounters>> sourcesByTag = new LinkedHashMap<>();

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
        chunksSent = chunks(r, CHUNKS, "sent");
        chunksAcked = chunks(r, CHUNKS, "acked");
        eventsSent = chunks(r, EVENTS, "sent");
        eventsAcked = chunks(r, EVENTS, "acked");
        bytesSent =
                Counter.builder(BYTES)
                        .description("bytes of entries sent to an aggregator (resends included)")
                        .tag("state", "sent")
                        .baseUnit("bytes")
                        .register(r);
        journalErrors =
                Counter.builder(JOURNAL_ERRORS)
                        .description(
                                "failed writes of a chunk to the journal in state_dir; reading waits"
                                        + " until the journal takes it")
                        .register(r);
        resent =
                Counter.builder(RESENT)
                        .description("chunks left in flight by a previous run and sent again")
                        .register(r);
        ackLatency =
                Timer.builder(ACK_LATENCY)
                        .description(
                                "time from sending a chunk to its ack (the aggregator holds it on"
                                        + " disk)")
                        .serviceLevelObjectives(ACK_BUCKETS)
                        .register(r);
        Gauge.builder(IN_FLIGHT, positions, Positions::inFlight)
                .description("chunks sent and not yet acknowledged")
                .register(r);
    }

    private static Counter chunks(MeterRegistry r, String name, String state) {
        String what = name.equals(CHUNKS) ? "chunks" : "events";
        return Counter.builder(name)
                .description(
                        what
                                + " sent to an aggregator (state=sent, resends included) and"
                                + " acknowledged by it (state=acked)")
                .tag("state", state)
                .register(r);
    }

    /**
     * Registers the per-source line counters. Sources with the same {@code tag:} share one series
     * (their counts add up), so no count is lost to a clash of names.
     */
    void bindSources(List<SourceCounters> sources) {
        for (SourceCounters s : sources) {
            sourcesByTag.computeIfAbsent(s.tag(), t -> new ArrayList<>()).add(s);
        }
        sourcesByTag.forEach(
                (tag, same) -> {
                    sourceCounter(
                            LINES_READ,
                            "lines read from the source's files (long lines included)",
                            tag,
                            same,
                            SourceCounters::linesRead);
                    sourceCounter(
                            PARSE_ERRORS,
                            "lines that did not parse; they are sent whole in message (with"
                                    + " _parse_error unless on_parse_error: raw)",
                            tag,
                            same,
                            SourceCounters::parseErrors);
                    sourceCounter(
                            LINES_TRUNCATED,
                            "lines longer than max_line_bytes sent cut, with _truncated: true"
                                    + " (long_lines: truncate)",
                            tag,
                            same,
                            SourceCounters::truncatedLines);
                    sourceCounter(
                            LINES_SKIPPED,
                            "lines longer than max_line_bytes dropped (long_lines: skip)",
                            tag,
                            same,
                            SourceCounters::skippedLines);
                });
    }

    private void sourceCounter(
            String name,
            String help,
            String tag,
            List<SourceCounters> same,
            ToLongFunction<SourceCounters> count) {
        FunctionCounter.builder(name, same, l -> l.stream().mapToLong(count).sum())
                .description(help)
                .tag(SOURCE, tag)
                .register(registry);
    }

    /** Registers a lag gauge for every opted-in path seen so far (the map is the reader's live view). */
    void bindLag(Map<String, Long> lag) {
        for (String path : lag.keySet()) {
            if (lagPaths.add(path)) {
                Gauge.builder(FILE_LAG, lag, m -> m.getOrDefault(path, 0L))
                        .description(
                                "bytes of the file not read yet (sources with lag_metrics: true)")
                        .tag("path", path)
                        .baseUnit("bytes")
                        .register(registry);
            }
        }
    }
}
