package dev.hakobu.outputs.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.OutputContext;
import dev.hakobu.outputs.conformance.Throughput;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Events/s into kinesis-local through one writer, plain and KPL-aggregated; on demand only (-Dhakobu.throughput=true). */
@EnabledIfSystemProperty(named = "hakobu.throughput", matches = "true")
class KinesisThroughputTest {
    @TempDir Path dir;

    /** The output's own cost (JSON, batching, aggregation, SDK marshalling) with a client that takes every record. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withoutAServer(boolean aggregation) {
        KinesisClient acceptAll =
                new KinesisClient() {
                    @Override
                    public PutRecordsResponse putRecords(PutRecordsRequest r) {
                        List<PutRecordsResultEntry> ok = new ArrayList<>();
                        r.records()
                                .forEach(
                                        e ->
                                                ok.add(
                                                        PutRecordsResultEntry.builder()
                                                                .shardId("shardId-0")
                                                                .sequenceNumber("1")
                                                                .build()));
                        return PutRecordsResponse.builder()
                                .failedRecordCount(0)
                                .records(ok)
                                .build();
                    }

                    @Override
                    public String serviceName() {
                        return "kinesis";
                    }

                    @Override
                    public void close() {}
                };
        KinesisOutputConfig c =
                KinesisOutputTest.config(
                        "http://127.0.0.1:9", "bench", Optional.of("host"), aggregation);
        try (var out =
                c.build(
                        new OutputContext("bench", "n1", Clock.systemUTC(), dir),
                        acceptAll,
                        d -> {})) {
            assertThat(
                            Throughput.measure(
                                    aggregation ? "kinesis-kpl, no server" : "kinesis, no server",
                                    out,
                                    40,
                                    5000,
                                    i -> "nos-" + i))
                    .as("events/s, every chunk Delivered")
                    .isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void putRecords(boolean aggregation) throws Exception {
        try (KinesisLocal kinesis = KinesisLocal.start()) {
            kinesis.createStream("bench", 4);
            try (var out =
                    KinesisOutputTest.config(
                                    kinesis.endpoint(), "bench", Optional.of("host"), aggregation)
                            .build(new OutputContext("bench", "n1", Clock.systemUTC(), dir))) {
                assertThat(
                                Throughput.measure(
                                        aggregation ? "kinesis-kpl" : "kinesis",
                                        out,
                                        aggregation
                                                ? 40
                                                : Integer.getInteger(
                                                        "hakobu.throughput.kinesis.chunks", 10),
                                        5000,
                                        i -> "bench-" + i))
                        .as("events/s, every chunk Delivered")
                        .isPositive();
            }
        }
    }
}
