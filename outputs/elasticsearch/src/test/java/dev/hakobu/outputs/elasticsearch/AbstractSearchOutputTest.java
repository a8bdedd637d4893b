package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        return config(url, index, Map.of(), IndexTemplateConfig.defaults());
    }

    static ElasticsearchOutputConfig config(
            String url,
            String index,
            Map<String, IndexFieldType> types,
            IndexTemplateConfig template) {
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
                        Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10)),
                types,
                template);
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
        return TestChunks.chunk(id, "lock.access", storyS2Events());
    }

    static List<Event> storyS2Events() throws Exception {
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
        return events;
    }

    static IndexTemplateConfig template(String name) {
        return new IndexTemplateConfig(true, Optional.of(name), List.of(), 200);
    }

    /** Story S2's types, as config/examples/outputs-elasticsearch.yaml declares them. */
    static Map<String, IndexFieldType> storyS2Types() {
        Map<String, IndexFieldType> types = new LinkedHashMap<>();
        types.put("time", IndexFieldType.of(IndexFieldKind.TIME, null));
        types.put("status", IndexFieldType.of(IndexFieldKind.INTEGER, null));
        types.put("size", IndexFieldType.of(IndexFieldKind.INTEGER, "-1"));
        types.put("reqtime", IndexFieldType.of(IndexFieldKind.FLOAT, "-1.0"));
        types.put("host", IndexFieldType.of(IndexFieldKind.STRING, null));
        return types;
    }

    @Test
    void storyS2ABadFirstDocumentDoesNotChangeTheDaysMappingAndTypedQueriesFindEveryDocument()
            throws Exception {
        long morning =
                ZonedDateTime.of(2020, 8, 14, 10, 0, 0, 0, TOKYO).toEpochSecond() * 1_000_000_000L;
        Map<String, Object> untyped = new LinkedHashMap<>(); // as Fluent Bit sends an LTSV line
        untyped.put("time", "bogus");
        untyped.put("host", "192.0.2.99");
        untyped.put("status", "200");
        untyped.put("size", "12kb");
        untyped.put("reqtime", "slow");
        untyped.put("_time_parse_error", "time: cannot read 'bogus' as time");
        Chunk badFirst =
                TestChunks.chunk("s2t-bad", "lock.access", List.of(new Event(morning, untyped)));
        Map<String, Object> fromAgent = new LinkedHashMap<>(); // the agent replaced size already
        fromAgent.put("time", null);
        fromAgent.put("host", "192.0.2.98");
        fromAgent.put("status", "abc");
        fromAgent.put("size", -1);
        fromAgent.put("_type_error", "size: cannot read '12kb' as integer");
        fromAgent.put("_raw", Map.of("size", "12kb"));
        List<Event> events = new ArrayList<>(storyS2Events());
        events.add(new Event(morning, fromAgent));
        Chunk rest = TestChunks.chunk("s2t-rest", "lock.access", events);

        try (ElasticsearchOutput out =
                config(server().url(), "s2t-%Y.%m.%d", storyS2Types(), template("hakobu-s2t"))
                        .build(context(), d -> {})) {
            out.start();
            assertThat(out.write(badFirst)).isEqualTo(WriteResult.DELIVERED);
            assertThat(out.write(rest)).isEqualTo(WriteResult.DELIVERED);
            assertThat(out.counters().orElseThrow().recordsDeadLettered.sum()).isZero();
        }
        try (var files = Files.list(deadLetters)) {
            assertThat(files).as("no dead letters").isEmpty();
        }

        String mapping = server().get("/s2t-2020.08.14/_mapping").body();
        assertThat(mapping)
                .containsPattern("\"time\":\\{[^}]*\"type\":\"date\"")
                .containsPattern("\"size\":\\{[^}]*\"type\":\"long\"")
                .containsPattern("\"status\":\\{[^}]*\"type\":\"long\"")
                .containsPattern("\"reqtime\":\\{[^}]*\"type\":\"double\"")
                .containsPattern("\"host\":\\{[^}]*\"type\":\"keyword\"")
                .containsPattern("\"@timestamp\":\\{[^}]*\"type\":\"date\"")
                .contains("\"size\":{\"type\":\"keyword\",\"ignore_above\":8191}");
        assertThat(count("s2t-2020.08.14", "{}")).isEqualTo(4);
        assertThat(count("s2t-2020.08.15", "{}")).isEqualTo(1);
        assertThat(count("s2t-*", "{\"query\":{\"range\":{\"size\":{\"gte\":1000}}}}"))
                .as("size >= 1000: the 1532-byte response")
                .isEqualTo(1);
        assertThat(count("s2t-*", "{\"query\":{\"range\":{\"size\":{\"gte\":0}}}}"))
                .as("1532 and 2; '-' and the two 12kb are -1")
                .isEqualTo(2);
        assertThat(count("s2t-*", "{\"query\":{\"range\":{\"size\":{\"lt\":0}}}}")).isEqualTo(3);
        assertThat(
                        count(
                                "s2t-*",
                                "{\"query\":{\"range\":{\"time\":{\"gte\":\"2020-08-14T00:00:00+09:00\",\"lt\":\"2020-08-15T00:00:00+09:00\"}}}}"))
                .as("the two lines of the 14th with a time")
                .isEqualTo(2);
        assertThat(count("s2t-*", "{\"query\":{\"range\":{\"reqtime\":{\"lt\":0}}}}"))
                .as("'-' and 'slow' became -1.0")
                .isEqualTo(2);
        assertThat(count("s2t-*", "{\"query\":{\"term\":{\"_raw.size\":\"12kb\"}}}"))
                .as("what was there is kept, and searchable")
                .isEqualTo(2);
        assertThat(count("s2t-*", "{\"query\":{\"term\":{\"_raw.time\":\"bogus\"}}}")).isEqualTo(1);
        assertThat(count("s2t-*", "{\"query\":{\"exists\":{\"field\":\"_type_error\"}}}"))
                .isEqualTo(2);
        String agentDoc =
                server().send(
                                "POST",
                                "/s2t-*/_search",
                                "{\"query\":{\"term\":{\"host\":\"192.0.2.98\"}}}")
                        .body();
        assertThat(agentDoc)
                .contains(
                        "\"_raw\":{\"size\":\"12kb\",\"status\":\"abc\"}",
                        "\"_type_error\":\"size: cannot read '12kb' as integer; status: cannot read 'abc' as integer\"",
                        "\"status\":null");
        assertThat(server().get("/_index_template/hakobu-s2t").body())
                .contains("\"index_patterns\":[\"s2t-*.*.*\"]");
    }

    @Test
    void theTemplateIsPutAgainBeforeTheFirstDocumentOfANewDaysIndex() throws Exception {
        long day14 =
                ZonedDateTime.of(2020, 8, 14, 12, 0, 0, 0, TOKYO).toEpochSecond() * 1_000_000_000L;
        long day15 = day14 + 86_400_000_000_000L;
        try (ElasticsearchOutput out =
                config(server().url(), "again-%Y.%m.%d", storyS2Types(), template("hakobu-again"))
                        .build(context(), d -> {})) {
            out.start();
            assertThat(
                            out.write(
                                    TestChunks.chunk(
                                            "again-1",
                                            "t",
                                            List.of(new Event(day14, Map.of("size", "1"))))))
                    .isEqualTo(WriteResult.DELIVERED);
            assertThat(server().send("DELETE", "/_index_template/hakobu-again", "").statusCode())
                    .isEqualTo(200);
            assertThat(
                            out.write(
                                    TestChunks.chunk(
                                            "again-2",
                                            "t",
                                            List.of(new Event(day15, Map.of("size", "12kb"))))))
                    .isEqualTo(WriteResult.DELIVERED);
        }
        assertThat(server().get("/_index_template/hakobu-again").statusCode()).isEqualTo(200);
        assertThat(server().get("/again-2020.08.15/_mapping").body())
                .containsPattern("\"size\":\\{[^}]*\"type\":\"long\"");
        assertThat(count("again-2020.08.15", "{\"query\":{\"term\":{\"_raw.size\":\"12kb\"}}}"))
                .isEqualTo(1);
    }

    @Test
    void aDataStreamIsCreatedByTheTemplateWithTheDeclaredTypes() throws Exception {
        assumeTrue(
                server().kind() == SearchServer.Kind.OPENSEARCH,
                "Elasticsearch's integ-test distribution has no data streams (they are x-pack)");
        ElasticsearchOutputConfig c =
                config(
                        server().url(),
                        "logs-s2typed-default",
                        storyS2Types(),
                        template("hakobu-ds"));
        c =
                new ElasticsearchOutputConfig(
                        c.url(),
                        c.index(),
                        true,
                        c.timeZone(),
                        c.eventTime(),
                        c.user(),
                        c.password(),
                        c.apiKey(),
                        c.caFile(),
                        c.gzip(),
                        c.maxBulkBytes(),
                        c.requestTimeout(),
                        c.itemRetry(),
                        c.types(),
                        c.indexTemplate());
        try (ElasticsearchOutput out = c.build(context(), d -> {})) {
            out.start();
            assertThat(out.write(storyS2Chunk("ds-1"))).isEqualTo(WriteResult.DELIVERED);
        }
        assertThat(server().get("/_data_stream/logs-s2typed-default").statusCode()).isEqualTo(200);
        assertThat(server().get("/logs-s2typed-default/_mapping").body())
                .containsPattern("\"size\":\\{[^}]*\"type\":\"long\"")
                .containsPattern("\"time\":\\{[^}]*\"type\":\"date\"");
        assertThat(
                        count(
                                "logs-s2typed-default",
                                "{\"query\":{\"range\":{\"size\":{\"gte\":1000}}}}"))
                .isEqualTo(1);
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
        try (ElasticsearchOutput out =
                config(
                                server().url(),
                                "s2-%Y.%m.%d",
                                Map.of(),
                                new IndexTemplateConfig(false, Optional.empty(), List.of(), 200))
                        .build(context(), d -> {})) {
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
