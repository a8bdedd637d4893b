package dev.hakobu.bench;

import dev.hakobu.forward.ForwardServer;
import dev.hakobu.forward.ForwardServerConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end: the agent, as its own process through the launcher with its default JVM flags, tails a
 * file of N lines from its head and forwards them, acks on, to an in-process ForwardServer that counts
 * them and acks at once. Reports lines/s (from the agent's start, JVM start included, and from the
 * first chunk), CPU seconds per million lines and peak RSS (VmHWM) of the agent process, with the
 * largest anonymous and file-backed parts seen while it ran (RssAnon, RssFile, sampled every 50 ms) and
 * the CPU of its busiest threads (which one is the bottleneck).
 *
 * <p>Usage: {@code java -cp ... dev.hakobu.bench.TailForwardBench <json|ltsv> <lines> <launcher> <workdir>
 * [compression] [extra agent JVM options]}; {@code -Dbench.forward=...} adds keys to the agent's forward
 * section, {@code -Dbench.batch={...}} sets its batch section (to measure other windows and chunk sizes).
 */
public final class TailForwardBench {
    public static void main(String[] args) throws Exception {
        String format = args[0];
        int lines = Integer.parseInt(args[1]);
        Path launcher = Path.of(args[2]);
        Path work = Files.createDirectories(Path.of(args[3]));
        String compression = args.length > 4 ? args[4] : "none";
        String javaOpts = args.length > 5 ? args[5] : null;
        Path log = work.resolve(format + ".log");
        long bytes = writeLines(log, format, lines);
        AtomicLong received = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        try (ForwardServer server =
                ForwardServer.start(
                        ForwardServerConfig.defaults("127.0.0.1", 0),
                        request -> {
                            firstAt.compareAndSet(0, System.nanoTime());
                            received.addAndGet(request.count());
                            return CompletableFuture.completedFuture(null);
                        })) {
            Path state = work.resolve("state-" + format + "-" + System.nanoTime());
            Path config = work.resolve("agent-" + format + ".yaml");
            Files.writeString(
                    config,
                    """
                    state_dir: "%s"
                    sources:
                      - paths: ["%s"]
                        tag: bench.%s
                        format: %s
                    forward: {host: 127.0.0.1, port: %d, compression: %s%s}
                    %s
                    """
                            .formatted(
                                    state,
                                    log,
                                    format,
                                    format.equals("json")
                                            ? "{type: json, time_key: timestamp}"
                                            : "{type: ltsv, time_key: time, time_format: \"dd/MMM/yyyy:HH:mm:ss Z\", types: {size: {type: integer, null_as: -1}, reqtime: {type: float, null_as: -1.0}}}",
                                    server.localAddress().getPort(),
                                    compression,
                                    // e.g. -Dbench.forward="max_in_flight_chunks: 4"
                                    // -Dbench.batch="{max_bytes: 512KiB}"
                                    System.getProperty("bench.forward", "").isEmpty()
                                            ? ""
                                            : ", " + System.getProperty("bench.forward"),
                                    System.getProperty("bench.batch", "").isEmpty()
                                            ? ""
                                            : "batch: " + System.getProperty("bench.batch")));
            ProcessBuilder pb =
                    new ProcessBuilder(
                            List.of(launcher.toString(), "agent", "--config", config.toString()));
            if (javaOpts != null) {
                pb.environment().put("HAKOBU_JAVA_OPTS", javaOpts);
            }
            pb.redirectErrorStream(true)
                    .redirectOutput(work.resolve("agent-" + format + ".out").toFile());
            long start = System.nanoTime();
            Process agent = pb.start();
            long deadline = start + TimeUnit.MINUTES.toNanos(5);
            long maxAnonKib = 0;
            long maxFileKib = 0;
            long nextSample = 0;
            while (received.get() < lines && System.nanoTime() < deadline && agent.isAlive()) {
                Thread.sleep(5);
                if (System.nanoTime() - nextSample >= 0) {
                    nextSample = System.nanoTime() + 50_000_000L;
                    maxAnonKib = Math.max(maxAnonKib, statusKib(agent.pid(), "RssAnon:"));
                    maxFileKib = Math.max(maxFileKib, statusKib(agent.pid(), "RssFile:"));
                }
            }
            long end = System.nanoTime();
            double cpu = cpuSeconds(agent.pid());
            long hwmKib = statusKib(agent.pid(), "VmHWM:");
            String threads = busiestThreads(agent.pid(), 5);
            agent.destroy();
            agent.waitFor(30, TimeUnit.SECONDS);
            double wall = (end - start) / 1e9;
            double steady = (end - firstAt.get()) / 1e9;
            System.out.printf(
                    "%s: %,d lines (%,d bytes, %.0f B/line), compression %s, received %,d%n",
                    format, lines, bytes, (double) bytes / lines, compression, received.get());
            System.out.printf(
                    "  wall %.2f s -> %,.0f lines/s (JVM start included); first chunk to last ack %.2f s -> %,.0f lines/s%n",
                    wall, lines / wall, steady, lines / steady);
            System.out.printf(
                    "  agent CPU %.2f s -> %.2f CPU-s per million lines; agent VmHWM %.1f MiB%n",
                    cpu, cpu / (lines / 1e6), hwmKib / 1024.0);
            System.out.printf(
                    "  agent RssAnon max %.1f MiB, RssFile max %.1f MiB; busiest threads (CPU-s): %s%n",
                    maxAnonKib / 1024.0, maxFileKib / 1024.0, threads);
        }
    }

    private static long writeLines(Path file, String format, int lines) throws IOException {
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int done = 0, block = 0; done < lines; block++) {
                int n = Math.min(10_000, lines - done);
                byte[][] sample =
                        format.equals("json")
                                ? SampleLines.json(n, block)
                                : SampleLines.ltsv(n, block);
                for (byte[] line : sample) {
                    out.write(line);
                    out.write('\n');
                    bytes += line.length + 1;
                }
                done += n;
            }
        }
        return bytes;
    }

    /** utime + stime of a live process, from /proc/PID/stat (clock ticks of 1/100 s on Linux). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** The {@code n} threads of a live process with the most CPU, from /proc/PID/task/TID/stat. */
    private static String busiestThreads(long pid, int n) throws IOException {
        List<Map.Entry<String, Double>> all = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    all.add(
                            Map.entry(
                                    name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0));
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        all.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, all.size()); i++) {
            sb.append(i == 0 ? "" : ", ")
                    .append(all.get(i).getKey())
                    .append(' ')
                    .append(String.format("%.2f", all.get(i).getValue()));
        }
        return sb.toString();
    }

    private static long statusKib(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
