package dev.hakobu.outputs.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.DataSize;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.aws.AwsCredentialsConfig;
import dev.hakobu.outputs.conformance.OutputConformanceTest;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.conformance.TestChunks.Event;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.retry.ItemRetryConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The Kinesis output against kinesis-local on 127.0.0.1: put, read back with GetRecords, compare. */
class KinesisOutputTest extends OutputConformanceTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static KinesisLocal kinesis;

    @BeforeAll
    static void start() throws Exception {
        kinesis = KinesisLocal.start();
        kinesis.createStream("conformance", 1);
    }

    @AfterAll
    static void stop() throws Exception {
        kinesis.close();
    }

    static KinesisOutputConfig config(
            String endpoint, String stream, Optional<String> keyField, boolean aggregation) {
        return new KinesisOutputConfig(
                stream,
                "us-east-1",
                Optional.of(endpoint),
                Optional.of(
                        new AwsCredentialsConfig(
                                Optional.of("local"),
                                Optional.of("local"),
                                Optional.empty(),
                                "hakobu",
                                Optional.empty())),
                keyField,
                TOKYO,
                EventTimeConfig.defaults(),
                "tag",
                aggregation,
                DataSize.ofBytes(50 * 1024),
                new ItemRetryConfig(
                        Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    private KinesisOutput output(String stream, Optional<String> keyField, boolean aggregation) {
        KinesisOutputConfig c = config(kinesis.endpoint(), stream, keyField, aggregation);
        return c.build(context(), KinesisClients.build(c), d -> {});
    }

    @Override
    protected Output output(OutputContext context) {
        KinesisOutputConfig c = config(kinesis.endpoint(), "conformance", Optional.empty(), false);
        return c.build(context, KinesisClients.build(c), d -> {});
    }

    @Override
    protected Output unreachableOutput(OutputContext context) {
        KinesisOutputConfig c =
                config("http://127.0.0.1:9", "conformance", Optional.empty(), false);
        return c.build(context, KinesisClients.build(c), d -> {});
    }

    @Override
    protected Chunk chunkWithOneRefusedRecord(String chunkId) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            events.add(
                    new Event(
                            1_597_371_753_000_000_000L,
                            i == REFUSED_INDEX
                                    ? Map.of("chunk", chunkId, "blob", "x".repeat(1_100_000))
                                    : Map.of("chunk", chunkId, "seq", i)));
        }
        return TestChunks.chunk(chunkId, "conf", events);
    }

    @Override
    protected long stored(String chunkId) {
        try (KinesisClient c = kinesis.client()) {
            return StreamReader.readAll(c, "conformance").stream()
                    .filter(
                            r ->
                                    new String(r.data(), StandardCharsets.UTF_8)
                                            .contains("\"chunk\":\"" + chunkId + "\""))
                    .count();
        }
    }

    static Chunk devices(String id, int records, int devices) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            Map<String, Object> record = new java.util.LinkedHashMap<>();
            record.put("device", "lock-" + (i % devices));
            record.put("seq", i);
            record.put("event", "open");
            events.add(new Event((1_597_371_753L + i) * 1_000_000_000L, record));
        }
        return TestChunks.chunk(id, "lock.events", events);
    }

    /** The record {@link #devices} makes for {@code seq}, with its event time (one second apart) in Tokyo. */
    private static String json(int seq, int devices) {
        String time =
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        Instant.ofEpochSecond(1_597_371_753L + seq).atZone(TOKYO));
        return "{\"device\":\"lock-"
                + (seq % devices)
                + "\",\"seq\":"
                + seq
                + ",\"event\":\"open\",\"time\":\""
                + time
                + "\",\"tag\":\"lock.events\"}\n";
    }

    @Test
    void eachRecordCarriesItsEventTimeWithNanosecondsInTheOutputsZoneUnlessItHasATimeOfItsOwn()
            throws Exception {
        kinesis.createStream("timed", 1);
        Chunk chunk =
                TestChunks.chunk(
                        "t1",
                        "lock.events",
                        List.of(
                                new Event(1_597_371_754_123_456_789L, Map.of("device", "lock-1")),
                                new Event(1_597_371_754_123_456_789L, Map.of("time", "own"))));
        try (KinesisOutput out = output("timed", Optional.empty(), false)) {
            assertThat(out.write(chunk)).isEqualTo(WriteResult.DELIVERED);
        }
        try (KinesisClient c = kinesis.client()) {
            assertThat(
                            StreamReader.readAll(c, "timed").stream()
                                    .map(r -> new String(r.data(), StandardCharsets.UTF_8))
                                    .toList())
                    .containsExactly(
                            "{\"device\":\"lock-1\",\"time\":\"2020-08-14T11:22:34.123456789+09:00\",\"tag\":\"lock.events\"}\n",
                            "{\"time\":\"own\",\"tag\":\"lock.events\"}\n");
        }
    }

    @Test
    void everyRecordIsReadBackOnceWithItsFieldAsPartitionKeyAcrossCallsOf500() throws Exception {
        kinesis.createStream("plain", 2);
        try (KinesisOutput out = output("plain", Optional.of("device"), false)) {
            assertThat(out.write(devices("d1", 1200, 7))).isEqualTo(WriteResult.DELIVERED);
            assertThat(out.counters().orElseThrow().requests.sum()).isEqualTo(3);
        }
        List<StreamReader.Read> read;
        try (KinesisClient c = kinesis.client()) {
            read = StreamReader.readAll(c, "plain");
        }
        assertThat(read).hasSize(1200);
        assertThat(read.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList())
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, 1200)
                                .mapToObj(i -> json(i, 7))
                                .toList());
        for (StreamReader.Read r : read) {
            assertThat(new String(r.data(), StandardCharsets.UTF_8))
                    .contains("\"device\":\"" + r.partitionKey() + "\"");
        }
        assertThat(read.stream().map(StreamReader.Read::shardId).distinct())
                .as("keys spread over both shards")
                .hasSize(2);
    }

    @Test
    void withoutAKeyFieldEachRecordGetsARandomKey() throws Exception {
        kinesis.createStream("random", 1);
        try (KinesisOutput out = output("random", Optional.empty(), false)) {
            assertThat(out.write(devices("r1", 50, 1))).isEqualTo(WriteResult.DELIVERED);
        }
        try (KinesisClient c = kinesis.client()) {
            List<StreamReader.Read> read = StreamReader.readAll(c, "random");
            assertThat(read).hasSize(50);
            assertThat(new HashSet<>(read.stream().map(StreamReader.Read::partitionKey).toList()))
                    .hasSize(50);
        }
    }

    @Test
    void aggregatedRecordsDeaggregateIntoExactlyTheRecordsWithTheirKeys() throws Exception {
        kinesis.createStream("aggregated", 2);
        try (KinesisOutput out = output("aggregated", Optional.of("device"), true)) {
            assertThat(out.write(devices("a1", 3000, 5))).isEqualTo(WriteResult.DELIVERED);
        }
        List<StreamReader.Read> read;
        try (KinesisClient c = kinesis.client()) {
            read = StreamReader.readAll(c, "aggregated");
        }
        assertThat(read.size())
                .as("3000 records of ~90 bytes in 50KiB aggregates")
                .isBetween(5, 20);
        List<String> records = new ArrayList<>();
        for (StreamReader.Read r : read) {
            assertThat(KplDeaggregator.isAggregated(r.data())).isTrue();
            for (KplDeaggregator.UserRecord u :
                    KplDeaggregator.unpack(r.partitionKey(), r.data())) {
                String text = new String(u.data(), StandardCharsets.UTF_8);
                assertThat(text).contains("\"device\":\"" + u.partitionKey() + "\"");
                records.add(text);
            }
        }
        assertThat(records)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, 3000)
                                .mapToObj(i -> json(i, 5))
                                .toList());
    }
}
