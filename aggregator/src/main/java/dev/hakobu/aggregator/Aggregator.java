package dev.hakobu.aggregator;

import dev.hakobu.aggregator.buffer.BufferStats;
import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.aggregator.delivery.OutputDelivery;
import dev.hakobu.aggregator.ingest.IngestPipeline;
import dev.hakobu.aggregator.ingest.RoutedOutputs;
import dev.hakobu.aggregator.route.RouteTable;
import dev.hakobu.forward.ForwardRequest;
import dev.hakobu.forward.ForwardServer;
import dev.hakobu.mask.MaskRuleConfig;
import dev.hakobu.mask.Masker;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputContext;
import dev.hakobu.runtime.DirectoryLock;
import dev.hakobu.runtime.RoleRunner;
import dev.hakobu.runtime.StartFailure;
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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An aggregator: forward server -> ingest (route, mask, append to each output's disk buffer; ack) -> per
 * output, workers deliver closed chunks. {@link #close} is the graceful stop (SIGTERM): stop accepting,
 * close open chunks, let workers deliver what is due for {@code delivery.drain_timeout}, and leave the
 * rest on disk, where the next start recovers it.
 *
 * <p>Two phases (the contract is {@link RoleRunner}'s): {@link #prepare} builds the outputs, the routes
 * and the forward server (TLS files read), touching no directory and starting no thread; {@link #start}
 * locks {@code state_dir} and the buffer directory, opens and recovers the buffers, binds the forward and
 * HTTP ports, and only then starts outputs, delivery workers and the ticker. {@link #close} undoes
 * whatever was done, in any state.
 */
public final class Aggregator implements RoleRunner.Instance {
    private static final Logger log = LoggerFactory.getLogger(Aggregator.class);
    private final Map<String, OutputDelivery> deliveries = new LinkedHashMap<>();
    private final Map<String, Output> outputs = new LinkedHashMap<>();
    private final Map<String, OutputConfig> outputConfigs;
    private final AggregatorConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final RouteTable<RoutedOutputs> routes;
    private final ForwardServer server;
    private final String node;
    private final PrometheusMeterRegistry metrics =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SinkHealthChecks sinkHealth;
    private final List<DirectoryLock> locks = new ArrayList<>();
    private final Map<String, DiskBuffer> buffers = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ExecutorService workers;
    private ScheduledExecutorService ticker;
    private IngestPipeline pipeline;
    private StatusServer http;
    private Readiness readiness;
    private volatile boolean delivering;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private Aggregator(AggregatorConfig config, Clock clock, RandomGenerator random)
            throws StartFailure {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.node = config.node().orElseGet(Aggregator::hostName);
        this.sinkHealth = new SinkHealthChecks(clock);
        this.outputConfigs = config.outputs();
        try {
            for (Map.Entry<String, OutputConfig> e : outputConfigs.entrySet()) {
                String name = e.getKey();
                Output built = build(name, e.getValue(), node, config, clock);
                // records out, per-record retries, request errors by type (throttling among them)
                built.counters().ifPresent(c -> c.bindTo(metrics, name));
                outputs.put(name, new MeteredOutput(name, built, metrics));
            }
            this.routes = routeTable(config);
            this.server = ForwardServer.prepare(config.listen(), this::ingest);
        } catch (IOException e) {
            close();
            throw StartFailure.unreadableFile("listen.tls", e);
        } catch (StartFailure | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Builds one output; a refusal is a config problem of {@code outputs.<name>}. */
    private static Output build(
            String name, OutputConfig output, String node, AggregatorConfig config, Clock clock)
            throws StartFailure {
        try {
            return output.build(
                    new OutputContext(
                            name,
                            node,
                            clock,
                            config.bufferDir()
                                    .resolve(name)
                                    .resolve("dead-letter")
                                    .resolve("records"),
                            config.outputStateDir(name).orElseThrow()));
        } catch (RuntimeException e) {
            throw new StartFailure(
                    StartFailure.CONFIG,
                    "outputs."
                            + name
                            + ": cannot be built: "
                            + e.getMessage()
                            + "; fix its settings",
                    e);
        }
    }

    /** The forward server's sink until the pipeline exists; it exists before the server is bound. */
    private CompletionStage<Void> ingest(ForwardRequest request) {
        return pipeline.accept(request);
    }

    /** Each route's outputs with its masker: the top-level rules, then the route's. */
    private static RouteTable<RoutedOutputs> routeTable(AggregatorConfig config) {
        return Routing.of(
                config,
                (mask, outputs) ->
                        List.of(new RoutedOutputs(masker(config.mask(), mask), outputs)));
    }

    /**
     * Builds an aggregator without touching its directories, binding or starting anything.
     *
     * @throws StartFailure when a TLS file of {@code listen.tls} cannot be read
     */
    public static Aggregator prepare(AggregatorConfig config, Clock clock, RandomGenerator random)
            throws StartFailure {
        return new Aggregator(config, clock, random);
    }

    /**
     * {@link #prepare}, then {@link #start}; on failure everything is closed again.
     *
     * @throws StartFailure when a directory or port is unusable (see {@link RoleRunner}'s exit codes)
     */
    public static Aggregator start(AggregatorConfig config, Clock clock, RandomGenerator random)
            throws StartFailure {
        Aggregator aggregator = prepare(config, clock, random);
        try {
            aggregator.start();
            return aggregator;
        } catch (StartFailure | RuntimeException | Error e) {
            aggregator.close();
            throw e;
        }
    }

    /** Locks and opens the directories, binds the ports, then starts the threads; once only. */
    @Override
    public synchronized void start() throws StartFailure {
        if (pipeline != null || closed.get()) {
            throw new IllegalStateException("an aggregator starts once");
        }
        locks.add(DirectoryLock.acquire(config.stateDir(), "state_dir"));
        if (!sameDirectory(config.stateDir(), config.bufferDir())) {
            locks.add(DirectoryLock.acquire(config.bufferDir(), "buffer.dir"));
        }
        for (Map.Entry<String, Output> e : outputs.entrySet()) {
            String name = e.getKey();
            Path dir = config.bufferDir().resolve(name);
            DiskBuffer buffer;
            try {
                buffer =
                        DiskBuffer.open(
                                name,
                                dir,
                                config.stateDir().resolve("buffer-ids"),
                                config.buffer(),
                                outputConfigs.get(name).partitioner(),
                                clock,
                                random);
            } catch (IOException ex) {
                throw StartFailure.directory("buffer.dir", dir, ex);
            }
            buffers.put(name, buffer);
            deliveries.put(
                    name,
                    new OutputDelivery(
                            name,
                            buffer,
                            e.getValue(),
                            config.delivery(),
                            config.buffer().totalBytes().bytes(),
                            clock,
                            random));
            AggregatorMetrics.bindBuffer(metrics, name, buffer);
        }
        AtomicInteger n = new AtomicInteger();
        // threads start with the first request
        this.workers =
                Executors.newFixedThreadPool(
                        config.workers(), r -> daemon(r, "hakobu-ingest-" + n.incrementAndGet()));
        this.pipeline = new IngestPipeline(routes, buffers, workers);
        this.readiness = new Readiness(config, deliveries, pipeline);
        AggregatorMetrics.bindForward(metrics, server.stats());
        AggregatorMetrics.bindIngest(metrics, pipeline);
        new JvmMemoryMetrics().bindTo(metrics);
        gcMetrics.bindTo(metrics);
        RoleMeters.bindTo(metrics, "aggregator");
        // HTTP first: once the forward port is bound, chunks are acked, and a start failing after
        // that would leave them in a buffer nobody delivers until the next start
        if (config.http().enabled()) {
            try {
                this.http = StatusServer.start(config.http(), metrics, this::ready, this::status);
            } catch (IOException e) {
                throw StartFailure.cannotListen("http", e);
            }
        }
        try {
            server.bind();
        } catch (IOException e) {
            throw StartFailure.cannotListen("listen", e);
        }
        outputs.values().forEach(Output::start);
        deliveries.values().forEach(OutputDelivery::start);
        delivering = true;
        this.ticker =
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hakobu-buffer-ticker"));
        ticker.scheduleWithFixedDelay(
                () -> buffers.values().forEach(DiskBuffer::tick), 100, 100, TimeUnit.MILLISECONDS);
        log.info("aggregator {} listening on {}", node, server.localAddress());
    }

    private static boolean sameDirectory(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
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

    /**
     * Stop accepting; drain what is due within the drain time; leave the rest on disk. Blocked appends
     * fail (no ack). Releases the directory locks last. Safe in any state and more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (server != null) {
            server.close();
        }
        if (http != null) {
            http.close();
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        sinkHealth.close();
        gcMetrics.close();
        if (delivering) {
            deliveries.values().parallelStream()
                    .forEach(d -> d.drainAndClose(config.delivery().drainTimeout()));
        } else {
            // a failed start: nothing was delivered, nothing to drain or report
            outputs.values().forEach(Output::close);
            buffers.values().forEach(Aggregator::closeQuietly);
        }
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ticker != null) {
            try {
                ticker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        locks.forEach(DirectoryLock::close);
    }

    private static void closeQuietly(DiskBuffer buffer) {
        try {
            buffer.close();
        } catch (IOException e) {
            log.warn("{}: closing the buffer: {}", buffer.name(), e.toString());
        }
    }
}
