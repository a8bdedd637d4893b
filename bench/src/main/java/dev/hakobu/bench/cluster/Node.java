package dev.hakobu.bench.cluster;

import dev.hakobu.bench.harness.ProcStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One process of the run (an agent, an aggregator, S3Proxy): its name, its role, and its CPU time taken
 * when the load starts, so only the work of the run is counted (JVM start-up is not).
 */
final class Node implements AutoCloseable {
    final String name;
    final String role;
    final Process process;
    private double cpuAtStart;

    Node(String name, String role, Process process) {
        this.name = name;
        this.role = role;
        this.process = process;
    }

    /** Runs {@code DIST/bin/hakobu ROLE --config CONFIG}, with the role's default JVM flags, logging to {@code dir/NAME.log}. */
    static Node launch(Path dist, String role, String name, Path dir, String yaml)
            throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, yaml);
        Process p =
                new ProcessBuilder(
                                dist.resolve("bin/hakobu").toString(),
                                role,
                                "--config",
                                config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(name + ".log").toFile())
                        .start();
        return new Node(name, role, p);
    }

    /** Marks the start of the measured run. */
    void markStart() throws IOException {
        cpuAtStart = ProcStats.of(process.pid()).cpuSeconds();
    }

    /** CPU seconds since {@link #markStart} and the peak RSS so far; the process must still run. */
    Usage usage() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited early with " + process.exitValue() + "; see its log");
        }
        ProcStats now = ProcStats.of(process.pid());
        return new Usage(name, role, now.cpuSeconds() - cpuAtStart, now.peakRssKib() / 1024.0);
    }

    /** What one process used during the run. */
    record Usage(String name, String role, double cpuSeconds, double peakRssMib) {}

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
