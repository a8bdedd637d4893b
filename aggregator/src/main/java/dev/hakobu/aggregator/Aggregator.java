package dev.hakobu.aggregator;

import dev.hakobu.aggregator.buffer.BufferStats;
import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.aggregator.delivery.OutputDelivery;
import dev.hakobu.aggregator.ingest.IngestPipeline;
import dev.hakobu.aggregator.ingest.RouteConfig;
import dev.hakobu.aggregator.ingest.RoutedOutputs;
import dev.hakobu.aggregator.route.RouteTable;
import dev.hakobu.aggregator.route.TagPattern;
import dev.hakobu.forward.ForwardServer;
import dev.hakobu.mask.MaskRuleConfig;
import dev.hakobu.mask.Masker;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputContext;
import dev.hakobu.runtime.Version;
import dev.hakobu.runtime.http.StatusServer;
import dev.hakobu.runtime.metrics.RoleMeters;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * A running aggregator: forward server -> ingest (route, mask, append to each output's disk buffer; ack)
 * -> per output, workers deliver closed chunks. {@link #close} is the graceful stop (SIGTERM): stop
 * accepting, close open chunks, let workers deliver what is due for {@code delivery.drain_timeout}, and
 * leave the rest on disk, where the next start recovers it.
 */
public final class Aggregator implements AutoCloseable {
    private final Map<String, OutputDelivery> deliveries = new LinkedHashMap<>();
    private final AggregatorConfig config;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final IngestPipeline pipeline;
    private final ForwardServer server;
    private final String node;
    private final PrometheusMeterRegistry metrics =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StatusServer http;
    private final Readiness readiness;
    private final SinkHealthChecks sinkHealth;

    private Aggregator(AggregatorConfig config, Clock clock, RandomGenerator random)
            throws IOException {
        this.config = config;
        this.node = config.node().orElseGet(Aggregator::hostName);
        this.sinkHealth = new SinkHealthChecks(clock);
        Map<String, DiskBuffer> buffers = new LinkedHashMap<>();
        for (Map.Entry<String, OutputConfig> e : config.outputs().entrySet()) {
            String name = e.getKey();
            DiskBuffer buffer =
                    DiskBuffer.open(
                            name,
                            config.bufferDir().resolve(name),
                            config.stateDir().resolve("buffer-ids"),
                            config.buffer(),
                            e.getValue().partitioner(),
                            clock,
                            random);
            buffers.put(name, buffer);
            Output built =
                    e.getValue()
                            .build(
                                    new OutputContext(
                                            name,
                                            node,
                                            clock,
                                            config.bufferDir()
                                                    .resolve(name)
                                                    .resolve("dead-letter")
                                                    .resolve("records"),
                                            config.stateDir().resolve("outputs").resolve(name)));
            // records out, per-record retries, request errors by type (throttling among them)
            built.counters().ifPresent(c -> c.bindTo(metrics, name));
            Output output = new MeteredOutput(name, built, metrics);
            deliveries.put(
                    name,
                    new OutputDelivery(
                            name,
                            buffer,
                            output,
                            config.delivery(),
                            config.buffer().totalBytes().bytes(),
                            clock,
                            random));
            AggregatorMetrics.bindBuffer(metrics, name, buffer);
        }
        List<RouteTable.Route<RoutedOutputs>> routes = new ArrayList<>();
        for (RouteConfig r : config.routes()) {
            routes.add(
                    new RouteTable.Route<>(
                            TagPattern.compile(r.match()),
                            List.of(
                                    new RoutedOutputs(
                                            masker(config.mask(), r.mask()), r.outputs())),
                            r.continueMatching()));
        }
        List<RoutedOutputs> fallback =
                config.defaultRoute()
                        .map(
                                d ->
                                        List.of(
                                                new RoutedOutputs(
                                                        masker(config.mask(), d.mask()),
                                                        d.outputs())))
                        .orElse(List.of());
        AtomicInteger n = new AtomicInteger();
        this.workers =
                Executors.newFixedThreadPool(
                        config.workers(), r -> daemon(r, "hakobu-ingest-" + n.incrementAndGet()));
        this.pipeline = new IngestPipeline(new RouteTable<>(routes, fallback), buffers, workers);
        this.readiness = new Readiness(config, deliveries, pipeline);
        deliveries.values().forEach(OutputDelivery::start);
        this.ticker =
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hakobu-buffer-ticker"));
        ticker.scheduleWithFixedDelay(
                () -> buffers.values().forEach(DiskBuffer::tick), 100, 100, TimeUnit.MILLISECONDS);
        this.server = ForwardServer.start(config.listen(), pipeline);
        AggregatorMetrics.bindForward(metrics, server.stats());
        AggregatorMetrics.bindIngest(metrics, pipeline);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        RoleMeters.bindTo(metrics, "aggregator");
        this.http =
                config.http().enabled()
                        ? StatusServer.start(config.http(), metrics, this::ready, this::status)
                        : null;
    }

    /** Ready while {@link Readiness} finds nothing wrong (buffers writable and below 80 %, outputs working). */
    public boolean ready() {
        return readiness.problems().isEmpty();
    }

    /** What /api/status shows. */
    public Map<String, Object> status() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        deliveries.forEach(
                (name, d) -> {
                    Map<String, Object> output =
                            new LinkedHashMap<>(AggregatorMetrics.bufferStatus(d.buffer().stats()));
                    output.put("delivery_guarantee", d.output().deliveryGuarantee().label());
                    output.put("sink", sinkHealth.status(name, d.output()));
                    outputs.put(name, output);
                });
        List<Object> routes = new ArrayList<>();
        config.routes()
                .forEach(
                        r ->
                                routes.add(
                                        Map.of(
                                                "match",
                                                r.match(),
                                                "outputs",
                                                r.outputs(),
                                                "mask_rules",
                                                r.mask().size())));
        var f = server.stats();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("role", "aggregator");
        status.put("version", Version.current());
        status.put("node", node);
        status.put("listen", String.valueOf(server.localAddress()));
        List<String> problems = readiness.problems();
        status.put("ready", problems.isEmpty());
        status.put("not_ready_because", problems);
        status.put(
                "forward",
                Map.of(
                        "connections",
                        f.connections(),
                        "requests",
                        f.requests(),
                        "events",
                        f.events(),
                        "acks",
                        f.acks(),
                        "protocol_errors",
                        f.protocolErrors(),
                        "auth_failures",
                        f.authFailures()));
        status.put(
                "ingest",
                Map.of(
                        "buffered_events",
                        pipeline.storedEvents(),
                        "unmatched_events",
                        pipeline.unmatchedEvents()));
        status.put("mask_rules", config.mask().size());
        status.put("routes", routes);
        status.put("outputs", outputs);
        return status;
    }

    /** The metrics registry (for tests and embedding). */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Where the HTTP endpoints listen, when enabled. */
    public java.util.Optional<InetSocketAddress> httpAddress() {
        return java.util.Optional.ofNullable(http).map(StatusServer::address);
    }

    /** The top-level rules, then the route's: one masker, so a route costs one pass over each chunk. */
    private static Masker masker(List<MaskRuleConfig> everyRoute, List<MaskRuleConfig> route) {
        List<MaskRuleConfig> rules = new ArrayList<>(everyRoute);
        rules.addAll(route);
        return Masker.of(rules);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** @throws IOException when the listener cannot bind or a buffer folder cannot be opened */
    public static Aggregator start(AggregatorConfig config, Clock clock, RandomGenerator random)
            throws IOException {
        return new Aggregator(config, clock, random);
    }

    public InetSocketAddress address() {
        return server.localAddress();
    }

    public String node() {
        return node;
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    /** The current counters of each output's buffer. */
    public Map<String, BufferStats> bufferStats() {
        Map<String, BufferStats> stats = new LinkedHashMap<>();
        deliveries.forEach((name, d) -> stats.put(name, d.buffer().stats()));
        return stats;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (UnknownHostException e) {
            return "hakobu";
        }
    }

    /** Stop accepting; drain what is due within the drain time; leave the rest on disk. Blocked appends fail (no ack). */
    @Override
    public void close() {
        server.close();
        if (http != null) {
            http.close();
        }
        ticker.shutdownNow();
        sinkHealth.close();
        deliveries.values().parallelStream()
                .forEach(d -> d.drainAndClose(config.delivery().drainTimeout()));
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
