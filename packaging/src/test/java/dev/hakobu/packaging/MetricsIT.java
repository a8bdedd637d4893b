package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hakobu.testing.PrometheusScrape;
import dev.hakobu.testing.TestData;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both roles' HTTP endpoints while lines flow: counters move, their totals match the output, every
 * family reads the way Prometheus expects, and the Grafana dashboard asks only for metrics that exist.
 */
class MetricsIT {
    private static final int LINES = 40_000;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir Path work;

    private HttpResponse<String> get(Roles roles, String path) throws Exception {
        return get(roles.httpPort, path);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String scrape, String line) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(line) + " ([0-9.Ee+]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void metricsMoveWhileLinesFlowAndTheirTotalsMatchTheOutput() throws Exception {
        try (Roles roles = new Roles(work);
                LineWriter writer =
                        new LineWriter(
                                roles.logs.resolve("api.log"),
                                OffsetDateTime.parse("2020-08-14T12:00:00+09:00"))) {
            roles.startAggregator();
            assertThat(get(roles, "/health").statusCode()).isEqualTo(200);
            assertThat(get(roles, "/ready").statusCode()).isEqualTo(200);
            roles.startAgent();
            writer.write(LINES / 2);
            OutputScan half = EndToEndIT.awaitAll(roles, LINES / 2);
            double midway = metric(get(roles, "/metrics").body(), "hakobu_forward_events_total");
            assertThat(midway).isGreaterThanOrEqualTo(half.distinct());

            writer.write(LINES / 2);
            OutputScan all = EndToEndIT.awaitAll(roles, LINES);
            assertThat(all.distinct()).isEqualTo(LINES);
            String scrape = get(roles, "/metrics").body();
            assertThat(metric(scrape, "hakobu_forward_events_total")).isGreaterThan(midway);
            assertThat(metric(scrape, "hakobu_output_delivered_events_total{output=\"local\"}"))
                    .isEqualTo(LINES);
            assertThat(
                            metric(
                                    scrape,
                                    "hakobu_buffer_events_total{kind=\"appended\",output=\"local\"}"))
                    .isEqualTo(LINES);
            assertThat(scrape)
                    .contains("hakobu_output_write_duration_seconds")
                    .contains("jvm_memory_used_bytes");

            String agent = get(roles.agentHttpPort, "/metrics").body();
            assertThat(metric(agent, "hakobu_agent_events_total{state=\"acked\"}"))
                    .isEqualTo(LINES);
            assertThat(metric(agent, "hakobu_agent_in_flight_chunks")).isZero();
            assertThat(agent).contains("hakobu_agent_ack_latency_seconds");
            assertThat(get(roles.agentHttpPort, "/api/status").body())
                    .contains("\"role\" : \"agent\"");
            String lagLine =
                    "hakobu_agent_file_lag_bytes{path=\"" + roles.logs.resolve("api.log") + "\"}";
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            // refreshed every 5 s: wait for a value taken after the last line was read
            while (metric(get(roles.agentHttpPort, "/metrics").body(), lagLine) != 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(metric(get(roles.agentHttpPort, "/metrics").body(), lagLine))
                    .as("the file is read to its end")
                    .isZero();

            String status = get(roles, "/api/status").body();
            assertThat(status)
                    .contains("\"role\" : \"aggregator\"")
                    .contains("\"node\" : \"it-node\"")
                    .contains("\"local\"");
        }
    }

    private static final int GOOD = 900;
    private static final int MALFORMED = 70;
    private static final int LONG = 30;

    @Test
    void bothRolesDescribeEveryFamilyInBaseUnitsAndCountLinesAndParseErrorsExactly()
            throws Exception {
        try (Roles roles = new Roles(work)) {
            Path agentYaml = work.resolve("agent.yaml");
            Files.writeString(
                    agentYaml,
                    Files.readString(agentYaml)
                            .replace(
                                    "lag_metrics: true",
                                    "lag_metrics: true\n    max_line_bytes: 1KiB"));
            roles.startAggregator();
            roles.startAgent();
            Files.writeString(
                    roles.logs.resolve("api.log"),
                    lines(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            int all = GOOD + MALFORMED + LONG;
            // acked by the aggregator, then delivered once its buffer's chunk closes
            await(roles.agentHttpPort, "hakobu_agent_events_total{state=\"acked\"}", all);
            await(roles.httpPort, "hakobu_output_delivered_events_total{output=\"local\"}", all);

            PrometheusScrape agent =
                    new PrometheusScrape(get(roles.agentHttpPort, "/metrics").body());
            PrometheusScrape aggregator = new PrometheusScrape(get(roles, "/metrics").body());
            assertThat(agent.value("hakobu_agent_events_total", Map.of("state", "acked")))
                    .as("every line is acked\n" + roles.logsTail())
                    .isEqualTo(all);
            Map<String, String> source = Map.of("source", "app.api");
            assertThat(agent.value("hakobu_agent_lines_read_total", source)).isEqualTo(all);
            // a line cut at 1 KiB is no JSON object any more: it is a parse error too
            assertThat(agent.value("hakobu_agent_parse_errors_total", source))
                    .isEqualTo(MALFORMED + LONG);
            assertThat(agent.value("hakobu_agent_lines_truncated_total", source)).isEqualTo(LONG);
            assertThat(agent.value("hakobu_agent_lines_skipped_total", source)).isZero();
            assertThat(
                            aggregator.value(
                                    "hakobu_output_delivered_events_total",
                                    Map.of("output", "local")))
                    .isEqualTo(all);
            assertThat(
                            aggregator.value(
                                    "hakobu_output_dead_lettered_chunks_total",
                                    Map.of("output", "local")))
                    .isZero();
            assertThat(aggregator.value("hakobu_buffer_capacity_bytes", Map.of("output", "local")))
                    .as("buffer.total_bytes' default, 1GiB")
                    .isEqualTo(1L << 30);

            String version = Launcher.run(work, "version").out();
            for (Map.Entry<String, PrometheusScrape> role :
                    Map.of("agent", agent, "aggregator", aggregator).entrySet()) {
                PrometheusScrape scrape = role.getValue();
                assertThat(scrape.violations("hakobu_")).as(role.getKey()).isEmpty();
                assertThat(scrape.families())
                        .containsKeys("hakobu_build_info", "process_cpu_seconds_total")
                        .doesNotContainKey("process_cpu_time_ns_total");
                PrometheusScrape.Sample info =
                        scrape.samples().stream()
                                .filter(x -> x.name().equals("hakobu_build_info"))
                                .findFirst()
                                .orElseThrow();
                assertThat(info.value()).isEqualTo(1);
                assertThat(info.labels()).containsEntry("role", role.getKey());
                assertThat(version)
                        .contains("hakobu " + info.labels().get("version") + " ")
                        .contains("(Java " + info.labels().get("java_version") + ")");
            }
            assertThat(agent.families().get("hakobu_agent_ack_latency_seconds").type())
                    .isEqualTo("histogram");
            assertThat(agent.value("hakobu_agent_ack_latency_seconds_bucket", Map.of("le", "+Inf")))
                    .isEqualTo(agent.value("hakobu_agent_chunks_total", Map.of("state", "acked")));
            assertThat(aggregator.families().get("hakobu_output_write_duration_seconds").type())
                    .isEqualTo("histogram");

            Set<String> exposed = new TreeSet<>(agent.sampleNames());
            exposed.addAll(aggregator.sampleNames());
            exposed.addAll(agent.families().keySet());
            exposed.addAll(aggregator.families().keySet());
            Set<String> dashboard = dashboardMetrics();
            assertThat(dashboard).hasSizeGreaterThan(15);
            assertThat(exposed).containsAll(dashboard);
            assertThat(exposed).containsAll(documented());
        }
    }

    /** Polls one sample until it has {@code expected} (60 s at most; -1 while the port does not answer). */
    private void await(int port, String sample, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        double value = -1;
        while (value != expected && System.nanoTime() < deadline) {
            try {
                value = metric(get(port, "/metrics").body(), sample);
            } catch (ConnectException e) {
                value = -1;
            }
            if (value != expected) {
                Thread.sleep(200);
            }
        }
    }

    /** GOOD JSON lines, MALFORMED lines that are not JSON objects, LONG lines over 1 KiB, mixed. */
    private static String lines() {
        StringBuilder b = new StringBuilder();
        int good = 0;
        int malformed = 0;
        int longLines = 0;
        for (int i = 0; good + malformed + longLines < GOOD + MALFORMED + LONG; i++) {
            if (i % 13 == 5 && malformed < MALFORMED) {
                b.append("not json ").append(i).append('\n');
                malformed++;
            } else if (i % 29 == 7 && longLines < LONG) {
                b.append("{\"seq\":").append(i).append(",\"pad\":\"");
                b.append("x".repeat(2000)).append("\"}\n");
                longLines++;
            } else if (good < GOOD) {
                b.append("{\"timestamp\":\"2020-08-14T12:00:00+09:00\",\"seq\":")
                        .append(i)
                        .append("}\n");
                good++;
            }
        }
        return b.toString();
    }

    /** Every metric name of ours that docs/operations.md names. */
    private static Set<String> documented() throws Exception {
        Matcher m =
                Pattern.compile("\\b(hakobu_[a-z0-9_]+)\\b")
                        .matcher(Files.readString(TestData.root().resolve("docs/operations.md")));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every metric name the dashboard's queries use (names of ours, the process's and the JVM's). */
    private static Set<String> dashboardMetrics() throws Exception {
        JsonNode root =
                new ObjectMapper()
                        .readTree(
                                TestData.root()
                                        .resolve("packaging/grafana/hakobu-dashboard.json")
                                        .toFile());
        List<String> exprs = new ArrayList<>();
        root.findValues("expr").forEach(e -> exprs.add(e.asText()));
        Set<String> names = new TreeSet<>();
        Matcher m =
                Pattern.compile("\\b((?:hakobu|process|jvm|system)_[a-z0-9_]+)\\b")
                        .matcher(String.join("\n", exprs));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
