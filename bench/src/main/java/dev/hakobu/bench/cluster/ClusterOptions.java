package dev.hakobu.bench.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What one cluster run does, from the command line of {@code bench/run-harness cluster}.
 *
 * @param dist        the built distribution ({@code packaging/target/hakobu}), whose {@code bin/hakobu} starts every role
 * @param s3proxyJar  S3Proxy's jar, for the {@code s3-*} outputs
 * @param results     where the JSON, Markdown and PNG go
 * @param agents      agent processes, each tailing its own two files (S1 JSON, S2 LTSV)
 * @param aggregators aggregator processes; every agent lists all of them as weighted forward servers
 * @param output      file-zstd, file-gzip, s3-zstd or s3-gzip
 * @param lines       lines written in all, split evenly over the 2 x agents files
 * @param rate        lines per second over all files; 0 writes as fast as the writer can (a throughput run)
 * @param maxAge      the aggregators' {@code buffer.max_age}: how long a chunk collects events before it is stored
 * @param lateWait    the aggregators' {@code buffer.late_wait}
 * @param agentFlush  the agents' {@code batch.flush_interval}
 * @param warmup      lines written this early in the run are left out of the steady-state latency (JIT, first connections, the
 *                    S3 client's first request), not out of the counts
 */
record ClusterOptions(
        Path dist,
        Path s3proxyJar,
        Path results,
        int agents,
        int aggregators,
        String output,
        long lines,
        int rate,
        Duration maxAge,
        Duration lateWait,
        Duration agentFlush,
        Duration warmup) {
    static final String USAGE =
            "bench/run-harness cluster [--agents N] [--aggregators M] [--output file-zstd|file-gzip|s3-zstd|s3-gzip]"
                    + " [--lines L] [--rate LINES_PER_S] [--max-age MS] [--late-wait MS] [--agent-flush MS] [--warmup MS]";

    /** Files written: one JSON and one LTSV file per agent. */
    int streams() {
        return 2 * agents;
    }

    /** Lines per file (the total is rounded down to a multiple of the file count). */
    long linesPerStream() {
        return lines / streams();
    }

    long totalLines() {
        return linesPerStream() * streams();
    }

    boolean s3() {
        return output.startsWith("s3-");
    }

    /** Parses {@code --dist D --s3proxy J --results R} (given by the script) and the user's options; defaults fill the rest. */
    static ClusterOptions parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "expected --name value at '" + args[i] + "'; usage: " + USAGE);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        ClusterOptions c =
                new ClusterOptions(
                        Path.of(required(o, "dist")),
                        Path.of(required(o, "s3proxy")),
                        Path.of(required(o, "results")),
                        Integer.parseInt(o.getOrDefault("agents", "2")),
                        Integer.parseInt(o.getOrDefault("aggregators", "2")),
                        o.getOrDefault("output", "file-zstd"),
                        Long.parseLong(o.getOrDefault("lines", "2000000").replace("_", "")),
                        Integer.parseInt(o.getOrDefault("rate", "0").replace("_", "")),
                        millis(o, "max-age", 2000),
                        millis(o, "late-wait", 200),
                        millis(o, "agent-flush", 1000),
                        millis(o, "warmup", 10_000));
        o.keySet()
                .removeAll(
                        java.util.List.of(
                                "dist",
                                "s3proxy",
                                "results",
                                "agents",
                                "aggregators",
                                "output",
                                "lines",
                                "rate",
                                "max-age",
                                "late-wait",
                                "agent-flush",
                                "warmup"));
        if (!o.isEmpty()
                || !c.output.matches("(file|s3)-(zstd|gzip)")
                || c.agents < 1
                || c.aggregators < 1
                || c.lines < c.streams()) {
            throw new IllegalArgumentException("bad options " + o.keySet() + "; usage: " + USAGE);
        }
        return c;
    }

    private static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException(
                    "--" + key + " missing (bench/run-harness passes it)");
        }
        return v;
    }

    private static Duration millis(Map<String, String> o, String key, long def) {
        return Duration.ofMillis(Long.parseLong(o.getOrDefault(key, Long.toString(def))));
    }
}
