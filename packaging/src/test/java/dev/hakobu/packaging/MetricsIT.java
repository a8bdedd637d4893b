package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both roles' HTTP endpoints while lines flow: counters move, and their totals match the output. */
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
}
