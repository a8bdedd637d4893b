package dev.hakobu.bench.cluster;

import dev.hakobu.bench.harness.ProcStats;
import dev.hakobu.bench.harness.S3Proxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * N agents -> M aggregators -> a file or S3 (S3Proxy) output, every role its own process started
 * through the built launcher on 127.0.0.1, fed by a writer thread appending story S1 JSON and story S2
 * LTSV lines to each agent's files. Reports events/s and MB/s (first line written to last object stored),
 * CPU seconds per million events per role and peak RSS per process (from /proc), latency percentiles
 * (line written to object stored, see {@link OutputCheck}), and checks every line is stored exactly once.
 * Results go to {@code bench/results/} as JSON, Markdown and PNG.
 *
 * <p>Usage: {@value ClusterOptions#USAGE}
 */
public final class ClusterBench {
    private static final int STALL_SECONDS = 120;

    private ClusterBench() {}

    /**
     * Runs one cluster measurement and writes its results; exits with 1 (keeping the run's folder) when a
     * line is missing, duplicated or unreadable in the output.
     */
    public static void main(String[] args) throws Exception {
        ClusterOptions o = ClusterOptions.parse(args);
        Path work = Files.createTempDirectory("hakobu-cluster");
        Clock clock = Clock.systemUTC();
        List<Node> roles = new ArrayList<>();
        List<Node.Usage> usage = new ArrayList<>();
        S3Proxy s3 = o.s3() ? S3Proxy.start(o.s3proxyJar(), work.resolve("s3")) : null;
        String loadBefore;
        Instant started;
        long startMicros;
        LoadWriter writer;
        List<DeliverySampler.Sample> samples;
        try {
            Ports ports = startAggregators(o, work, s3, roles);
            writer = startAgents(o, work, ports.forward(), roles, clock);
            List<Node> measured = new ArrayList<>(roles);
            if (s3 != null) {
                measured.add(new Node("s3proxy", "s3proxy", s3.process()));
            }
            for (Node n : measured) {
                n.markStart();
            }
            DeliverySampler sampler = new DeliverySampler(ports.http(), writer::written);
            sampler.prime();
            double harnessCpu = ProcStats.of(ProcessHandle.current().pid()).cpuSeconds();
            loadBefore = loadAverage();
            started = clock.instant();
            startMicros = LoadWriter.micros(started);
            long startNanos = System.nanoTime();
            new Thread(writer, "load-writer").start();
            samples = sampler.runUntil(startNanos, o.totalLines(), STALL_SECONDS);
            for (Node n : measured) {
                usage.add(n.usage());
            }
            ProcStats self = ProcStats.of(ProcessHandle.current().pid());
            usage.add(
                    new Node.Usage(
                            "harness (writer, sampler)",
                            "harness",
                            self.cpuSeconds() - harnessCpu,
                            self.peakRssKib() / 1024.0));
        } finally {
            for (Node n : roles) {
                n.close();
            }
            if (s3 != null) {
                s3.close();
            }
        }
        String loadAfter = loadAverage();
        OutputCheck check =
                new OutputCheck(
                        o.streams(), o.linesPerStream(), startMicros + o.warmup().toNanos() / 1000);
        OutputCheck.Counts counts = check.scan(s3 != null ? s3.bucketDir() : work.resolve("out"));
        long[] latencies = check.sortedLatencies();
        long[] steady = check.sortedSteadyLatencies();
        ClusterResult r =
                new ClusterResult(
                        o,
                        started.toString(),
                        machine(),
                        loadBefore,
                        loadAfter,
                        (counts.lastStoreMicros() - startMicros) / 1e6,
                        writer.bytes(),
                        usage,
                        ClusterResult.Latency.of(latencies),
                        ClusterResult.Latency.of(steady),
                        counts,
                        samples);
        System.out.println(ResultFiles.write(r, latencies, steady, o.results()));
        if (counts.lost() != 0 || counts.duplicated() != 0 || counts.foreign() != 0) {
            System.out.println(
                    "NOT EXACTLY ONCE: lost "
                            + counts.lost()
                            + ", duplicated "
                            + counts.duplicated()
                            + ", foreign "
                            + counts.foreign()
                            + "; the run's folder is kept: "
                            + work);
            System.exit(1);
        }
        delete(work);
    }

    /** The aggregators' forward and HTTP ports, in the same order. */
    private record Ports(List<Integer> forward, List<Integer> http) {}

    /** Starts M aggregators and waits until each listens on both ports. */
    private static Ports startAggregators(ClusterOptions o, Path work, S3Proxy s3, List<Node> roles)
            throws Exception {
        List<Integer> forward = new ArrayList<>();
        List<Integer> http = new ArrayList<>();
        for (int k = 0; k < o.aggregators(); k++) {
            Path dir = Files.createDirectories(work.resolve("agg-" + k));
            int port = dev.hakobu.bench.harness.Ports.free();
            int httpPort = dev.hakobu.bench.harness.Ports.free();
            roles.add(
                    Node.launch(
                            o.dist(),
                            "aggregator",
                            "agg-" + k,
                            dir,
                            ClusterConfigs.aggregator(
                                    o, "agg-" + k, dir, port, httpPort, work.resolve("out"), s3)));
            forward.add(port);
            http.add(httpPort);
        }
        for (int k = 0; k < o.aggregators(); k++) {
            dev.hakobu.bench.harness.Ports.await(forward.get(k));
            dev.hakobu.bench.harness.Ports.await(http.get(k));
        }
        return new Ports(forward, http);
    }

    /** Starts N agents on empty log folders and waits until each serves HTTP (its JVM is up and tailing). */
    private static LoadWriter startAgents(
            ClusterOptions o,
            Path work,
            List<Integer> aggregatorPorts,
            List<Node> roles,
            Clock clock)
            throws Exception {
        List<Path> logs = new ArrayList<>();
        List<Integer> http = new ArrayList<>();
        for (int i = 0; i < o.agents(); i++) {
            Path dir = Files.createDirectories(work.resolve("agent-" + i));
            logs.add(Files.createDirectories(dir.resolve("logs")));
        }
        LoadWriter writer =
                new LoadWriter(
                        logs,
                        o.linesPerStream(),
                        o.rate(),
                        clock); // creates the files before the agents look
        for (int i = 0; i < o.agents(); i++) {
            int httpPort = dev.hakobu.bench.harness.Ports.free();
            roles.add(
                    Node.launch(
                            o.dist(),
                            "agent",
                            "agent-" + i,
                            work.resolve("agent-" + i),
                            ClusterConfigs.agent(
                                    o,
                                    work.resolve("agent-" + i),
                                    logs.get(i),
                                    aggregatorPorts,
                                    httpPort)));
            http.add(httpPort);
        }
        for (int port : http) {
            dev.hakobu.bench.harness.Ports.await(port);
        }
        return writer;
    }

    private static ClusterResult.Machine machine() throws IOException {
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        long memKib =
                Files.readAllLines(Path.of("/proc/meminfo")).stream()
                        .filter(l -> l.startsWith("MemTotal:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                        .findFirst()
                        .orElse(0);
        return new ClusterResult.Machine(
                host,
                Runtime.getRuntime().availableProcessors(),
                memKib / 1024,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.version"));
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
