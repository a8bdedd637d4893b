package dev.hakobu.aggregator;

import dev.hakobu.aggregator.ingest.IngestPipeline;
import dev.hakobu.aggregator.ingest.RouteConfig;
import dev.hakobu.aggregator.ingest.RoutedOutputs;
import dev.hakobu.core.mask.Masker;
import dev.hakobu.core.buffer.SeenChunks;
import dev.hakobu.core.forward.ForwardClient;
import dev.hakobu.core.forward.ForwardServer;
import dev.hakobu.core.output.Output;
import dev.hakobu.core.output.OutputContext;
import dev.hakobu.core.route.RouteTable;
import dev.hakobu.core.route.TagPattern;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/** A running aggregator. {@link #close} stops accepting, lets in-progress writes finish, closes outputs. */
public final class Aggregator implements AutoCloseable {
    private final Map<String, Output> outputs = new LinkedHashMap<>();
    private final ExecutorService workers;
    private final SeenChunks seen;
    private final IngestPipeline pipeline;
    private final ForwardServer server;
    private final String node;

    private Aggregator(AggregatorConfig config, Clock clock, RandomGenerator random) throws IOException {
        this.node = config.node().orElseGet(Aggregator::hostName);
        config.outputs().forEach((name, oc) -> outputs.put(name, oc.build(new OutputContext(name, node, clock))));
        List<RouteTable.Route<RoutedOutputs>> routes = new ArrayList<>();
        for (RouteConfig r : config.routes()) {
            routes.add(new RouteTable.Route<>(TagPattern.compile(r.match()),
                    List.of(new RoutedOutputs(Masker.of(r.mask()), r.outputs())), r.continueMatching()));
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "hakobu-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.seen = new SeenChunks(config.stateDir(), config.dedupe().window());
        this.pipeline = new IngestPipeline(new RouteTable<>(routes, List.of()), outputs, workers,
                () -> ForwardClient.newChunkId(random), seen);
        this.server = ForwardServer.start(config.listen(), pipeline);
    }

    /** @throws IOException when the listener cannot bind */
    public static Aggregator start(AggregatorConfig config, Clock clock, RandomGenerator random) throws IOException {
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

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (UnknownHostException e) {
            return "hakobu";
        }
    }

    @Override
    public void close() {
        server.close();
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outputs.values().forEach(Output::close);
        try {
            seen.close();
        } catch (IOException e) {
            // every id was fsynced when it was added; closing loses nothing
        }
    }
}
