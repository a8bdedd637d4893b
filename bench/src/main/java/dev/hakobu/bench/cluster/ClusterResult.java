package dev.hakobu.bench.cluster;

import java.util.List;

/**
 * Everything one cluster run measured; written as JSON, Markdown and a chart by {@link ResultFiles}.
 *
 * @param started      when the load started (ISO-8601, UTC)
 * @param machine      host, cores, memory, Java
 * @param loadBefore   the 1/5/15-minute load averages before the run (the machine is shared)
 * @param loadAfter    the same at the end of the run
 * @param seconds      from the first line written to the last object stored
 * @param bytes        log bytes written (newlines included)
 * @param usage        per process: CPU seconds during the run and peak RSS
 * @param latency      line written -> object stored, every line
 * @param steady       the same for the lines written after the warm-up
 * @param counts       what the output holds
 * @param samples      lines written and events delivered over time
 */
record ClusterResult(
        ClusterOptions options,
        String started,
        Machine machine,
        String loadBefore,
        String loadAfter,
        double seconds,
        long bytes,
        List<Node.Usage> usage,
        Latency latency,
        Latency steady,
        OutputCheck.Counts counts,
        List<DeliverySampler.Sample> samples) {

    /** The host the run was on. */
    record Machine(String host, int cores, long memoryMib, String java, String kernel) {}

    /** Latency percentiles in milliseconds, from the sorted per-line latencies. */
    record Latency(double p50, double p90, double p99, double max, long lines) {
        static Latency of(long[] sortedMicros) {
            if (sortedMicros.length == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(
                    at(sortedMicros, 0.50),
                    at(sortedMicros, 0.90),
                    at(sortedMicros, 0.99),
                    sortedMicros[sortedMicros.length - 1] / 1000.0,
                    sortedMicros.length);
        }

        static double at(long[] sorted, double q) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
                    / 1000.0;
        }
    }

    long events() {
        return options.totalLines();
    }

    double eventsPerSecond() {
        return events() / seconds;
    }

    /**
     * Events/s while the run is under way: from the sample where 10 % of the events were delivered to the one
     * where 90 % were, so neither the cold start (JIT, first connections) nor the last chunks' age counts.
     */
    double steadyEventsPerSecond() {
        DeliverySampler.Sample from = null;
        for (DeliverySampler.Sample s : samples) {
            if (from == null && s.delivered() >= events() * 0.1) {
                from = s;
            }
            if (from != null && s.delivered() >= events() * 0.9 && s.seconds() > from.seconds()) {
                return (s.delivered() - from.delivered()) / (s.seconds() - from.seconds());
            }
        }
        return 0;
    }

    double megabytesPerSecond() {
        return bytes / 1e6 / seconds;
    }

    /** The latency target: p99 at most the chunk age (max_age + late_wait) plus 2 s. */
    double targetP99Ms() {
        return options.maxAge().toMillis() + options.lateWait().toMillis() + 2000;
    }

    /** CPU seconds of every process of {@code role}, per million events. */
    double cpuPerMillion(String role) {
        return usage.stream()
                        .filter(u -> u.role().equals(role))
                        .mapToDouble(Node.Usage::cpuSeconds)
                        .sum()
                / (events() / 1e6);
    }

    /** The largest peak RSS among the processes of {@code role}. */
    double peakRssMib(String role) {
        return usage.stream()
                .filter(u -> u.role().equals(role))
                .mapToDouble(Node.Usage::peakRssMib)
                .max()
                .orElse(0);
    }

    /** Roles present, in a fixed order. */
    List<String> roles() {
        return List.of("agent", "aggregator", "s3proxy", "harness").stream()
                .filter(r -> usage.stream().anyMatch(u -> u.role().equals(r)))
                .toList();
    }
}
