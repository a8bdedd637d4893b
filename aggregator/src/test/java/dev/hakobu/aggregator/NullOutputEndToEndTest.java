package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.output.OutputMetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Records sent to an aggregator whose only output is {@code type: null} are counted, dropped and leave an empty buffer. */
@Timeout(60)
class NullOutputEndToEndTest {
    private static final int CHUNKS = 5;
    private static final int EVENTS_PER_CHUNK = 40;

    @TempDir Path work;

    @Test
    void everyRecordIsCountedByTheNullOutputAndNoneIsLeftInTheBuffer() throws Exception {
        Path yaml =
                Files.writeString(
                        work.resolve("aggregator.yaml"),
                        """
                node: n1
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: 0}
                buffer: {max_age: 1s, late_wait: 0s, dir: "%s"}
                outputs:
                  nowhere: {type: null}
                routes:
                  - match: "app.**"
                    outputs: [nowhere]
                """
                                .formatted(work.resolve("state"), work.resolve("buffer")));
        try (Aggregator aggregator =
                Aggregator.start(
                        ConfigLoader.fromClasspath().load(yaml, AggregatorConfig.class),
                        Clock.systemUTC(),
                        new SplittableRandom(1))) {
            TestSender.send(aggregator, "app.api", CHUNKS, EVENTS_PER_CHUNK, 2);
            long events = CHUNKS * EVENTS_PER_CHUNK;
            TestSender.awaitTrue(
                    "the null output counts every record",
                    () -> counter(aggregator, OutputMetricNames.RECORDS_IN) == events);

            assertThat(counter(aggregator, OutputMetricNames.RECORDS_DELIVERED)).isEqualTo(events);
            assertThat(
                            aggregator
                                    .metrics()
                                    .get(AggregatorMetrics.OUTPUT_EVENTS)
                                    .tag("output", "nowhere")
                                    .counter()
                                    .count())
                    .isEqualTo(events);
            TestSender.awaitTrue(
                    "the buffer is empty",
                    () ->
                            aggregator.bufferStats().get("nowhere").waitingChunks() == 0
                                    && aggregator.bufferStats().get("nowhere").usedBytes() == 0);
            assertThat(aggregator.bufferStats().get("nowhere").appendedEvents()).isEqualTo(events);
            TestSender.awaitTrue(
                    "/api/status shows the sink's answer",
                    () -> sink(aggregator).containsKey("up"));
            assertThat(sink(aggregator))
                    .containsEntry("up", true)
                    .containsEntry("detail", "drops every record");
            assertThat(outputStatus(aggregator)).containsEntry("delivery_guarantee", "discarded");
        }
    }

    private static double counter(Aggregator aggregator, String name) {
        return aggregator
                .metrics()
                .get(name)
                .tag(OutputMetricNames.TAG_OUTPUT, "nowhere")
                .functionCounter()
                .count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputStatus(Aggregator aggregator) {
        return (Map<String, Object>)
                ((Map<String, Object>) aggregator.status().get("outputs")).get("nowhere");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sink(Aggregator aggregator) {
        return (Map<String, Object>) outputStatus(aggregator).get("sink");
    }
}
