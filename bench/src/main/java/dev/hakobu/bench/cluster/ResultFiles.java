package dev.hakobu.bench.cluster;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a run's results as {@code NAME.json}, {@code NAME.md} and {@code NAME.png} in the results folder,
 * NAME being the date and time, the machine and the run's shape, e.g.
 * {@code 2026-11-23-0712-a1b2c3-2c-cluster-file-zstd-2x2-max}.
 */
final class ResultFiles {
    private ResultFiles() {}

    /**
     * @param all    every line's latency in microseconds, sorted, for the chart's distribution
     * @param steady the latencies of the lines written after the warm-up, sorted
     * @return the Markdown, also written to the .md file
     */
    static String write(ClusterResult r, long[] all, long[] steady, Path dir) throws IOException {
        ClusterOptions o = r.options();
        String name =
                "%s-%s-%dc-cluster-%s-%dx%d-%s"
                        .formatted(
                                r.started().substring(0, 16).replace("T", "-").replace(":", ""),
                                r.machine().host(),
                                r.machine().cores(),
                                o.output(),
                                o.agents(),
                                o.aggregators(),
                                o.rate() == 0 ? "max" : o.rate() + "lps");
        Files.createDirectories(dir);
        json(r, dir.resolve(name + ".json"));
        String md = markdown(r, name);
        Files.writeString(dir.resolve(name + ".md"), md);
        ClusterChart.write(r, all, steady, dir.resolve(name + ".png"));
        return md;
    }

    static String markdown(ClusterResult r, String name) {
        ClusterOptions o = r.options();
        ClusterResult.Latency l = r.steady();
        StringBuilder md = new StringBuilder();
        md.append("# Cluster run ").append(name).append("\n\n");
        md.append(
                "`bench/run-harness cluster --agents %d --aggregators %d --output %s --lines %d --rate %d --max-age %d --late-wait %d --agent-flush %d --warmup %d`\n\n"
                        .formatted(
                                o.agents(),
                                o.aggregators(),
                                o.output(),
                                o.totalLines(),
                                o.rate(),
                                o.maxAge().toMillis(),
                                o.lateWait().toMillis(),
                                o.agentFlush().toMillis(),
                                o.warmup().toMillis()));
        md.append(
                "Machine: %s, %d cores, %,d MiB, %s, Linux %s. Load average before %s, after %s. Started %s.\n\n"
                        .formatted(
                                r.machine().host(),
                                r.machine().cores(),
                                r.machine().memoryMib(),
                                r.machine().java(),
                                r.machine().kernel(),
                                r.loadBefore(),
                                r.loadAfter(),
                                r.started()));
        md.append(
                "| events | seconds | events/s | events/s, 10-90 % | MB/s | p50 ms | p90 ms | p99 ms | max ms | p99 target ms | p99 / max ms, all lines | objects | lost | duplicated |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        String steady =
                l.lines() == 0
                        ? "- | - | - | -" // every line was written during the warm-up
                        : String.format(
                                Locale.ROOT,
                                "%.0f | %.0f | %.0f | %.0f",
                                l.p50(),
                                l.p90(),
                                l.p99(),
                                l.max());
        md.append(
                String.format(
                        Locale.ROOT,
                        "| %,d | %.2f | %,.0f | %,.0f | %.1f | %s | %.0f | %.0f / %.0f | %,d | %d | %d |%n%n",
                        r.events(),
                        r.seconds(),
                        r.eventsPerSecond(),
                        r.steadyEventsPerSecond(),
                        r.megabytesPerSecond(),
                        steady,
                        r.targetP99Ms(),
                        r.latency().p99(),
                        r.latency().max(),
                        r.counts().objects(),
                        r.counts().lost(),
                        r.counts().duplicated()));
        md.append(
                "| role | processes | CPU-s / M events | peak RSS MiB (largest) |\n|---|---|---|---|\n");
        for (String role : r.roles()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %.2f | %.0f |%n",
                            role,
                            r.usage().stream().filter(u -> u.role().equals(role)).count(),
                            r.cpuPerMillion(role),
                            r.peakRssMib(role)));
        }
        md.append("\nPer process: ");
        r.usage()
                .forEach(
                        u ->
                                md.append(
                                        String.format(
                                                Locale.ROOT,
                                                "%s %.1f CPU-s %.0f MiB; ",
                                                u.name(),
                                                u.cpuSeconds(),
                                                u.peakRssMib())));
        md.append(
                "\n\nChunk age: aggregator `buffer.max_age` %d ms + `late_wait` %d ms; agent `batch.flush_interval` %d ms. "
                        .formatted(
                                o.maxAge().toMillis(),
                                o.lateWait().toMillis(),
                                o.agentFlush().toMillis()));
        md.append(
                "Latency = object file mtime - the line's `ts_us`; p50-max over the %,d lines written after the first %d ms (warm-up), "
                        .formatted(l.lines(), o.warmup().toMillis()));
        md.append(
                "the last column over all lines. Events/s = events / (last object stored - first line written); ");
        md.append(
                "10-90 %: the delivery rate between 10 % and 90 % of the events delivered (no cold start, no last chunk age).\n");
        return md.toString();
    }

    private static void latency(JsonGenerator g, String name, ClusterResult.Latency l)
            throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("lines", l.lines());
        g.writeNumberField("p50", l.p50());
        g.writeNumberField("p90", l.p90());
        g.writeNumberField("p99", l.p99());
        g.writeNumberField("max", l.max());
        g.writeEndObject();
    }

    private static void json(ClusterResult r, Path file) throws IOException {
        try (JsonGenerator g =
                new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            ClusterOptions o = r.options();
            g.writeStartObject();
            g.writeStringField("started", r.started());
            g.writeObjectFieldStart("machine");
            g.writeStringField("host", r.machine().host());
            g.writeNumberField("cores", r.machine().cores());
            g.writeNumberField("memory_mib", r.machine().memoryMib());
            g.writeStringField("java", r.machine().java());
            g.writeStringField("kernel", r.machine().kernel());
            g.writeStringField("load_before", r.loadBefore());
            g.writeStringField("load_after", r.loadAfter());
            g.writeEndObject();
            g.writeObjectFieldStart("config");
            g.writeNumberField("agents", o.agents());
            g.writeNumberField("aggregators", o.aggregators());
            g.writeStringField("output", o.output());
            g.writeNumberField("lines", o.totalLines());
            g.writeNumberField("rate", o.rate());
            g.writeNumberField("max_age_ms", o.maxAge().toMillis());
            g.writeNumberField("late_wait_ms", o.lateWait().toMillis());
            g.writeNumberField("agent_flush_ms", o.agentFlush().toMillis());
            g.writeEndObject();
            g.writeNumberField("seconds", r.seconds());
            g.writeNumberField("events_per_second", r.eventsPerSecond());
            g.writeNumberField("events_per_second_10_90", r.steadyEventsPerSecond());
            g.writeNumberField("mb_per_second", r.megabytesPerSecond());
            g.writeObjectFieldStart("latency_ms");
            g.writeNumberField("p99_target", r.targetP99Ms());
            g.writeNumberField("warmup", o.warmup().toMillis());
            latency(g, "after_warmup", r.steady());
            latency(g, "all_lines", r.latency());
            g.writeEndObject();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("objects", r.counts().objects());
            g.writeNumberField("distinct", r.counts().distinct());
            g.writeNumberField("lost", r.counts().lost());
            g.writeNumberField("duplicated", r.counts().duplicated());
            g.writeNumberField("foreign", r.counts().foreign());
            g.writeEndObject();
            g.writeObjectFieldStart("cpu_seconds_per_million");
            for (String role : r.roles()) {
                g.writeNumberField(role, r.cpuPerMillion(role));
            }
            g.writeEndObject();
            g.writeArrayFieldStart("processes");
            for (Node.Usage u : r.usage()) {
                g.writeStartObject();
                g.writeStringField("name", u.name());
                g.writeStringField("role", u.role());
                g.writeNumberField("cpu_seconds", u.cpuSeconds());
                g.writeNumberField("peak_rss_mib", u.peakRssMib());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("samples");
            for (DeliverySampler.Sample s : r.samples()) {
                g.writeStartArray();
                g.writeNumber(s.seconds());
                g.writeNumber(s.written());
                g.writeNumber(s.delivered());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
