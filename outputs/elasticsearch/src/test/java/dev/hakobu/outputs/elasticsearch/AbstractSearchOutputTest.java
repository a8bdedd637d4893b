package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.DataSize;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.conformance.OutputConformanceTest;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.conformance.TestChunks.Event;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.retry.ItemRetryConfig;
import dev.hakobu.outputs.retry.Pause;
import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The output against a real node; subclasses start OpenSearch 2 or Elasticsearch 8 once per class. */
abstract class AbstractSearchOutputTest extends OutputConformanceTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter LTSV_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    protected abstract SearchServer server();

    static ElasticsearchOutputConfig config(String url, String index) {
        return new ElasticsearchOutputConfig(
                url,
                index,
                false,
                TOKYO,
                EventTimeConfig.defaults(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true,
                DataSize.ofBytes(5 << 20),
                Duration.ofSeconds(4),
                new ItemRetryConfig(
                        Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    ElasticsearchOutput output(String index, Pause pause) {
        return config(server().url(), index).build(context(), pause);
    }

    @Override
    protected Output output(OutputContext context) {
        return config(server().url(), "conformance").build(context, d -> {});
    }

    @Override
    protected Output unreachableOutput(OutputContext context) {
        return config("http://127.0.0.1:9", "conformance").build(context, d -> {});
    }

    @Override
    protected Chunk chunkWithOneRefusedRecord(String chunkId) {
        try {
            server().send(
                            "PUT",
                            "/conformance",
                            "{\"settings\":{\"number_of_replicas\":0},\"mappings\":{\"properties\":{\"size\":{\"type\":\"integer\"}}}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            events.add(
                    new Event(
                            1_597_371_753_000_000_000L,
                            Map.of("chunk", chunkId, "size", i == REFUSED_INDEX ? "big" : i)));
        }
        return TestChunks.chunk(chunkId, "conf", events);
    }

    @Override
    protected long stored(String chunkId) throws Exception {
        return count(
                "conformance", "{\"query\":{\"term\":{\"chunk.keyword\":\"" + chunkId + "\"}}}");
    }

    long count(String index, String query) throws Exception {
        server().send("POST", "/" + index + "/_refresh", "");
        String body = server().send("POST", "/" + index + "/_count", query).body();
        return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    /** Story S2's access log, typed as the support staff need it: time a date, size an integer, reqtime a float ('-' is -1). */
    static Chunk storyS2Chunk(String id) throws Exception {
        List<Event> events = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.file("sample/access.ltsv"))) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (String field : line.split("\t")) {
                String[] kv = field.split(":", 2);
                record.put(kv[0], kv[1]);
            }
            ZonedDateTime time = ZonedDateTime.parse((String) record.get("time"), LTSV_TIME);
            record.put("time", time.toOffsetDateTime().toString());
            record.put("status", Integer.parseInt((String) record.get("status")));
            record.put(
                    "size",
                    record.get("size").equals("-")
                            ? -1
                            : Integer.parseInt((String) record.get("size")));
            record.put(
                    "reqtime",
                    record.get("reqtime").equals("-")
                            ? -1.0
                            : Double.parseDouble((String) record.get("reqtime")));
            events.add(new Event(time.toEpochSecond() * 1_000_000_000L, record));
        }
        return TestChunks.chunk(id, "lock.access", events);
    }

    @Test
    void storyS2AccessLogsLandTypedInDailyIndicesAndSupportFindsThemBySearchAndByDateRange()
            throws Exception {
        server().send(
                        "PUT",
                        "/_index_template/s2",
                        "{\"index_patterns\":[\"s2-*\"],\"template\":{\"settings\":{\"number_of_replicas\":0},"
                                + "\"mappings\":{\"properties\":{\"time\":{\"type\":\"date\"},\"size\":{\"type\":\"integer\"},\"reqtime\":{\"type\":\"float\"},"
                                + "\"status\":{\"type\":\"integer\"},\"host\":{\"type\":\"keyword\"}}}}}");
        Chunk chunk = storyS2Chunk("s2-chunk-1");
        try (ElasticsearchOutput out = output("s2-%Y.%m.%d", d -> {})) {
            assertThat(out.write(chunk)).isEqualTo(WriteResult.DELIVERED);
            assertThat(out.write(chunk))
                    .as("a resent chunk is answered 409 and counts as delivered")
                    .isEqualTo(WriteResult.DELIVERED);
        }

        assertThat(count("s2-2020.08.14", "{}")).isEqualTo(2);
        assertThat(count("s2-2020.08.15", "{}")).isEqualTo(1);
        assertThat(count("s2-*", "{\"query\":{\"term\":{\"host\":\"192.0.2.11\"}}}")).isEqualTo(1);
        assertThat(
                        count(
                                "s2-*",
                                "{\"query\":{\"range\":{\"time\":{\"gte\":\"2020-08-14T23:00:00+09:00\",\"lt\":\"2020-08-15T01:00:00+09:00\"}}}}"))
                .isEqualTo(2);
        assertThat(count("s2-*", "{\"query\":{\"range\":{\"size\":{\"gte\":100}}}}"))
                .as("size is a number, not text")
                .isEqualTo(1);
        assertThat(count("s2-*", "{\"query\":{\"range\":{\"reqtime\":{\"lt\":0}}}}"))
                .as("'-' became -1.0")
                .isEqualTo(1);
        String mapping = server().get("/s2-2020.08.14/_mapping").body();
        assertThat(mapping)
                .contains(
                        "\"size\":{\"type\":\"integer\"}",
                        "\"reqtime\":{\"type\":\"float\"}",
                        "\"time\":{\"type\":\"date\"}");
        assertThat(mapping)
                .as("the event time, for Kibana's time picker")
                .contains("\"@timestamp\":{\"type\":\"date\"}");
        assertThat(
                        count(
                                "s2-*",
                                "{\"query\":{\"range\":{\"@timestamp\":{\"gte\":\"2020-08-14T14:00:00Z\",\"lt\":\"2020-08-14T16:00:00Z\"}}}}"))
                .isEqualTo(2);
    }

    @Test
    void theEventTimeIsStoredAsTimestampInTheIndexZoneUnlessTheDocumentHasOne() throws Exception {
        Chunk chunk =
                TestChunks.chunk(
                        "ts-1",
                        "t",
                        List.of(
                                new Event(1_597_371_754_123_456_789L, Map.of("host", "a")),
                                new Event(
                                        1_597_371_754_123_456_789L,
                                        Map.of(
                                                "host",
                                                "b",
                                                "@timestamp",
                                                "2020-08-14T00:00:00Z"))));
        try (ElasticsearchOutput out = output("ts-%Y.%m.%d", d -> {})) {
            assertThat(out.write(chunk)).isEqualTo(WriteResult.DELIVERED);
        }
        server().send("POST", "/ts-2020.08.14/_refresh", "");
        String hits =
                server().send(
                                "POST",
                                "/ts-2020.08.14/_search",
                                "{\"query\":{\"term\":{\"host.keyword\":\"a\"}}}")
                        .body();
        assertThat(hits).contains("\"@timestamp\":\"2020-08-14T11:22:34.123456789+09:00\"");
        assertThat(
                        count(
                                "ts-*",
                                "{\"query\":{\"range\":{\"@timestamp\":{\"gte\":\"2020-08-14T02:22:34.123Z\",\"lte\":\"2020-08-14T02:22:34.123Z\"}}}}"))
                .as("the date field holds the instant")
                .isEqualTo(1);
        assertThat(
                        count(
                                "ts-*",
                                "{\"query\":{\"range\":{\"@timestamp\":{\"lte\":\"2020-08-14T00:00:00Z\"}}}}"))
                .as("b kept its own")
                .isEqualTo(1);
    }

    @Test
    void inAMixedBulkOnlyTheUnavailableItemsAreResentAndTheMappingErrorLandsInDeadLetters()
            throws Exception {
        server().send(
                        "PUT",
                        "/mix-14",
                        "{\"settings\":{\"number_of_replicas\":0},\"mappings\":{\"properties\":{\"size\":{\"type\":\"integer\"}}}}");
        server().send(
                        "PUT",
                        "/mix-15?wait_for_active_shards=0",
                        "{\"settings\":{\"number_of_replicas\":0,\"index.routing.allocation.require._name\":\"nowhere\"}}");
        long day14 =
                ZonedDateTime.of(2020, 8, 14, 12, 0, 0, 0, TOKYO).toEpochSecond() * 1_000_000_000L;
        long day15 = day14 + 86_400_000_000_000L;
        Chunk chunk =
                TestChunks.chunk(
                        "mixed-1",
                        "mix",
                        List.of(
                                new Event(day14, Map.of("size", 1)),
                                new Event(day14, Map.of("size", "big")),
                                new Event(day15, Map.of("size", 3)),
                                new Event(day14, Map.of("size", 4)),
                                new Event(day15, Map.of("size", 5))));
        AtomicInteger pauses = new AtomicInteger();
        Pause fixTheClusterWhileWaiting =
                delay -> {
                    if (pauses.getAndIncrement() == 0) {
                        try {
                            server().send(
                                            "PUT",
                                            "/mix-15/_settings",
                                            "{\"index.routing.allocation.require._name\":null}");
                            server().get(
                                            "/_cluster/health/mix-15?wait_for_status=green&timeout=30s");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };

        WriteResult r;
        ElasticsearchOutput out = output("mix-%d", fixTheClusterWhileWaiting);
        r = out.write(chunk);

        assertThat(r).isEqualTo(WriteResult.DELIVERED);
        assertThat(pauses.get()).isEqualTo(1);
        assertThat(out.counters().orElseThrow().requests.sum()).isEqualTo(2);
        assertThat(out.counters().orElseThrow().recordsRetried.sum())
                .as("only the two items on the unavailable shard")
                .isEqualTo(2);
        assertThat(out.counters().orElseThrow().recordsDelivered.sum()).isEqualTo(4);
        assertThat(count("mix-14", "{}")).isEqualTo(2);
        assertThat(count("mix-15", "{}")).isEqualTo(2);
        List<String> dead = Files.readAllLines(deadLetters.resolve("mixed-1.records.jsonl"));
        assertThat(dead).hasSize(1);
        assertThat(field(dead.get(0), "index")).isEqualTo("1");
        assertThat(field(dead.get(0), "reason"))
                .startsWith("400 ")
                .contains("failed to parse field [size]");
        assertThat(dead.get(0)).contains("\"record\":{\"size\":\"big\"}");
    }
}
