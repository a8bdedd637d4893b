package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.runtime.Version;
import dev.hakobu.testing.PrometheusScrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator's {@code /metrics} as Prometheus reads it: a HELP text on every family, base units,
 * histograms for durations, the buffer's capacity beside its use, dead-lettered chunks per output.
 */
@Timeout(60)
class AggregatorMetricsTest {
    private static final int CHUNKS = 4;
    private static final int EVENTS_PER_CHUNK = 10;

    @TempDir Path work;

    @Test
    void everyFamilyIsDescribedInBaseUnitsAndCountsWhatHappened() throws Exception {
        // a path segment over 255 bytes can never be written: every chunk of bad.* goes to dead
        // letters at once
        Path yaml =
                Files.writeString(
                        work.resolve("aggregator.yaml"),
                        """
                        node: n1
                        state_dir: "%s"
                        listen: {bind: 127.0.0.1, port: 0}
                        buffer: {max_age: 200ms, late_wait: 0s, total_bytes: 64MiB, dir: "%s"}
                        outputs:
                          nowhere: {type: null}
                          bad: {type: file, root: "%s", path: "%s/${chunk_id}"}
                        routes:
                          - match: "app.**"
                            outputs: [nowhere]
                          - match: "bad.**"
                            outputs: [bad]
                        """
                                .formatted(
                                        work.resolve("state"),
                                        work.resolve("buffer"),
                                        work.resolve("out"),
                                        "x".repeat(300)));
        try (Aggregator aggregator =
                Aggregator.start(
                        ConfigLoader.fromClasspath().load(yaml, AggregatorConfig.class),
                        Clock.systemUTC(),
                        new SplittableRandom(1))) {
            TestSender.send(aggregator, "app.api", CHUNKS, EVENTS_PER_CHUNK, 2);
            TestSender.send(aggregator, "bad.api", CHUNKS, EVENTS_PER_CHUNK, 20);
            TestSender.awaitTrue(
                    "every chunk is delivered or dead-lettered",
                    () ->
                            aggregator.bufferStats().values().stream()
                                    .allMatch(
                                            b ->
                                                    b.usedBytes() == 0
                                                            && b.waitingChunks() == 0
                                                            && b.openChunks() == 0));

            PrometheusScrape scrape = new PrometheusScrape(aggregator.metrics().scrape());
            assertThat(scrape.violations("hakobu_")).isEmpty();
            assertThat(scrape.families())
                    .containsKeys(
                            "hakobu_build_info",
                            "hakobu_buffer_capacity_bytes",
                            "hakobu_output_dead_lettered_chunks_total",
                            "process_cpu_seconds_total")
                    .doesNotContainKey("process_cpu_time_ns_total");
            assertThat(scrape.families().get("hakobu_output_write_duration_seconds").type())
                    .isEqualTo("histogram");
            assertThat(
                            scrape.value(
                                    "hakobu_build_info",
                                    Map.of(
                                            "version",
                                            Version.current(),
                                            "java_version",
                                            Runtime.version().toString(),
                                            "role",
                                            "aggregator")))
                    .isEqualTo(1);

            Map<String, String> bad = Map.of("output", "bad");
            assertThat(scrape.value("hakobu_buffer_capacity_bytes", bad))
                    .isEqualTo(64 * 1024 * 1024);
            assertThat(scrape.value("hakobu_buffer_used_bytes", bad)).isZero();
            long deadLetterFiles;
            try (Stream<Path> files = Files.list(work.resolve("buffer/bad/dead-letter"))) {
                deadLetterFiles = files.filter(p -> p.toString().endsWith(".chunk")).count();
            }
            assertThat(deadLetterFiles).isPositive();
            assertThat(scrape.value("hakobu_output_dead_lettered_chunks_total", bad))
                    .isEqualTo(deadLetterFiles);
            assertThat(
                            scrape.value(
                                    "hakobu_output_writes_total",
                                    Map.of("output", "bad", "result", "rejected")))
                    .isEqualTo(deadLetterFiles);
            assertThat(
                            scrape.value(
                                    "hakobu_output_dead_lettered_chunks_total",
                                    Map.of("output", "nowhere")))
                    .isZero();

            // every write is one observation of the histogram, counted in its +Inf bucket
            Map<String, String> nowhere = Map.of("output", "nowhere");
            double writes = scrape.sum("hakobu_output_writes_total", Map.of("output", "nowhere"));
            assertThat(writes).isPositive();
            assertThat(
                            scrape.value(
                                    "hakobu_output_write_duration_seconds_bucket",
                                    Map.of("output", "nowhere", "le", "+Inf")))
                    .isEqualTo(writes);
            assertThat(scrape.value("hakobu_output_write_duration_seconds_count", nowhere))
                    .isEqualTo(writes);
            assertThat(scrape.value("hakobu_output_delivered_events_total", nowhere))
                    .isEqualTo(CHUNKS * EVENTS_PER_CHUNK);
        }
    }
}
