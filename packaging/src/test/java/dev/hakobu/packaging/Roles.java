package dev.hakobu.packaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One aggregator (file output, Asia/Tokyo partitions, the {@code token} parameter masked) and one agent (JSON lines from {@code logs/*.log}),
 * as real processes started through the built launcher in a work directory. Logs go to
 * {@code <role>.out/.err} (appended across restarts, so a failure shows every run).
 */
final class Roles implements AutoCloseable {
    final Path work;
    final Path logs;
    final Path out;
    final int port;
    final int httpPort;
    final int agentHttpPort;
    private Process aggregator;
    private Process agent;
    private final List<Process> all = new ArrayList<>();

    /** Small chunks that close fast and quick retries, so tests see deliveries within a second. */
    static final String FAST_BUFFER =
            """
            buffer: {max_age: 300ms, late_wait: 100ms, dir: "%s"}
            delivery: {retry_initial: 100ms, retry_max: 1s, drain_timeout: 2s}
            """;

    final Path buffer;

    Roles(Path work) throws IOException {
        this(work, null);
    }

    /** @param output the YAML flow mapping of the aggregator's output, or null for the file output under {@code out} */
    Roles(Path work, String output) throws IOException {
        this(work, output, work.resolve("aggregator-buffer"), FAST_BUFFER);
    }

    Roles(Path work, Path buffer, String bufferYaml) throws IOException {
        this(work, null, buffer, bufferYaml);
    }

    /**
     * @param output     the YAML flow mapping of the aggregator's output, or null for the file output under {@code out}
     * @param buffer     the aggregator's buffer folder
     * @param bufferYaml top-level {@code buffer:} and {@code delivery:} sections; {@code %s} is replaced by {@code buffer}
     */
    Roles(Path work, String output, Path buffer, String bufferYaml) throws IOException {
        this.work = work;
        this.buffer = buffer;
        this.logs = Files.createDirectories(work.resolve("logs"));
        this.out = work.resolve("out");
        this.port = freePort();
        this.httpPort = freePort();
        this.agentHttpPort = freePort();
        Files.writeString(
                work.resolve("aggregator.yaml"),
                """
                node: it-node
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: %d}
                http: {bind: 127.0.0.1, port: %d}
                outputs:
                  local: %s
                routes:
                  - match: "app.**"
                    outputs: [local]
                    mask: [{field: parameter, query_params: [token], action: redact}]
                """
                                .formatted(
                                        work.resolve("aggregator-state"),
                                        port,
                                        httpPort,
                                        output != null
                                                ? output
                                                : "{type: file, root: \""
                                                        + out
                                                        + "\", compression: gzip, time_zone: Asia/Tokyo}")
                        + bufferYaml.formatted(buffer));
        Files.writeString(
                work.resolve("agent.yaml"),
                """
                state_dir: "%s"
                sources:
                  - paths: ["%s/*.log"]
                    tag: app.api
                    format: {type: json, time_key: timestamp}
                    lag_metrics: true
                forward: {host: 127.0.0.1, port: %d}
                batch: {max_bytes: 256KiB, flush_interval: 200ms}
                http: {enabled: true, port: %d}
                """
                        .formatted(work.resolve("agent-state"), logs, port, agentHttpPort));
    }

    /**
     * Adds output {@code name} (a YAML flow mapping) next to {@code local}, on the same route; {@code
     * replacements} are more (old, new) pairs of the aggregator's YAML, e.g. its mask rules.
     */
    void addOutput(String name, String output, String... replacements) throws IOException {
        Path config = work.resolve("aggregator.yaml");
        String yaml = Files.readString(config);
        String outputs = "outputs:\n  local: ";
        String route = "outputs: [local]";
        if (!yaml.contains(outputs) || !yaml.contains(route)) {
            throw new IllegalStateException("aggregator.yaml has no single output local: " + yaml);
        }
        yaml =
                yaml.replace(outputs, "outputs:\n  " + name + ": " + output + "\n  local: ")
                        .replace(route, "outputs: [local, " + name + "]");
        for (int i = 0; i < replacements.length; i += 2) {
            if (!yaml.contains(replacements[i])) {
                throw new IllegalArgumentException("not in aggregator.yaml: " + replacements[i]);
            }
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        Files.writeString(config, yaml);
    }

    /** Starts the aggregator and waits until both its forward port and its HTTP port accept connections. */
    void startAggregator() throws IOException, InterruptedException {
        aggregator = start("aggregator");
        awaitListening(port);
        awaitListening(httpPort);
    }

    /** Points this agent at two aggregators, this one and {@code other}, with quick failover settings. */
    void forwardToThisAnd(Roles other) throws IOException {
        Path agentConfig = work.resolve("agent.yaml");
        Files.writeString(
                agentConfig,
                Files.readString(agentConfig)
                        .replace(
                                "forward: {host: 127.0.0.1, port: " + port + "}",
                                "forward: {servers: [{host: 127.0.0.1, port: "
                                        + port
                                        + "}, {host: 127.0.0.1, port: "
                                        + other.port
                                        + "}],"
                                        + " ack_timeout: 5s, retry_backoff_min: 100ms, retry_backoff_max: 1s}"));
    }

    void startAgent() throws IOException {
        agent = start("agent");
    }

    /**
     * A replacement for an aggregator lost for good whose disk survived (the operator's runbook in
     * docs/operations.md): same node name, state and buffer folders, so a chunk the lost node had half
     * delivered gets the same object key; new ports, so no agent sends to it. It delivers what the
     * buffer holds. Call it only after {@link #killAggregator}.
     */
    void startReplacementAggregator() throws IOException, InterruptedException {
        int newPort = freePort();
        int newHttpPort = freePort();
        Files.writeString(
                work.resolve("replacement.yaml"),
                Files.readString(work.resolve("aggregator.yaml"))
                        .replace("port: " + port + "}", "port: " + newPort + "}")
                        .replace("port: " + httpPort + "}", "port: " + newHttpPort + "}"));
        aggregator = start("aggregator", "replacement");
        awaitListening(newPort);
        awaitListening(newHttpPort);
    }

    long agentPid() {
        return agent.pid();
    }

    long aggregatorPid() {
        return aggregator.pid();
    }

    /** Whether the agent and the aggregator started by this are still running. */
    boolean bothAlive() {
        return agent.isAlive() && aggregator.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void killAgent() throws InterruptedException {
        kill(agent);
    }

    /** Sends a signal (HUP, TERM, ...) to the aggregator process. */
    void signalAggregator(String signal) throws Exception {
        Process kill =
                new ProcessBuilder("kill", "-" + signal, Long.toString(aggregator.pid()))
                        .inheritIO()
                        .start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " failed");
        }
    }

    void killAggregator() throws InterruptedException {
        kill(aggregator);
    }

    /** SIGTERM: the graceful stop (open chunks close; what is not delivered in the drain time stays on disk). */
    void stopAggregator() throws InterruptedException {
        aggregator.destroy();
        if (!aggregator.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the aggregator did not stop within 60 s of SIGTERM");
        }
    }

    /** A plain file where the output's root folder should be: every write fails (Retry) until {@link #unblockOutput}. */
    void blockOutput() throws IOException {
        Files.writeString(out, "blocked by the test");
    }

    void unblockOutput() throws IOException {
        Files.delete(out);
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private Process start(String role) throws IOException {
        return start(role, role);
    }

    /** Runs {@code hakobu ROLE --config NAME.yaml}, logging to {@code NAME.out/.err}. */
    private Process start(String role, String name) throws IOException {
        ProcessBuilder b =
                Launcher.builder(
                        work, name, role, "--config", work.resolve(name + ".yaml").toString());
        b.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".out").toFile()));
        b.redirectError(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".err").toFile()));
        Process p = b.start();
        all.add(p);
        return p;
    }

    private void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the aggregator did not listen on " + port + " within 30 s");
    }

    /**
     * The last lines each process wrote to stderr and stdout (the JVM's own last words, such as "Terminating due
     * to java.lang.OutOfMemoryError", go to stdout), and whether it still runs or how it ended.
     */
    String logsTail() throws IOException {
        return "agent ("
                + state(agent)
                + ") log:\n"
                + tail(work.resolve("agent.err"))
                + "\nagent stdout:\n"
                + tail(work.resolve("agent.out"))
                + "\naggregator ("
                + state(aggregator)
                + ") log:\n"
                + tail(work.resolve("aggregator.err"))
                + "\naggregator stdout:\n"
                + tail(work.resolve("aggregator.out"));
    }

    private static String state(Process p) {
        if (p == null) {
            return "not started";
        }
        return p.isAlive() ? "running" : "exited with " + p.exitValue();
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM to whatever still runs, then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : all) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
