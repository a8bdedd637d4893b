package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.output.Chunk;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.conformance.TestChunks.Event;
import dev.hakobu.outputs.key.KeyTemplate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class BulkRequestBuilderTest {
    private static long nanos(String iso) {
        OffsetDateTime t = OffsetDateTime.parse(iso);
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static final Chunk CHUNK =
            TestChunks.chunk(
                    "c/1+x",
                    "App.Access",
                    List.of(
                            new Event(nanos("2020-08-14T23:59:59.5+09:00"), Map.of("host", "a")),
                            new Event(
                                    nanos("2020-08-15T00:00:01+09:00"),
                                    Map.of("@timestamp", "given", "host", "b"))));

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static BulkRequestBuilder builder(String index, Optional<EventTimeField> eventTime) {
        return new BulkRequestBuilder(KeyTemplate.parse(index, TOKYO), eventTime, "n1");
    }

    @Test
    void idsAreTheChunkIdAndRecordIndexSoEveryTryOfTheChunkUsesTheSameOnes() {
        List<BulkItem> first = builder("logs-%Y.%m.%d", Optional.empty()).items(CHUNK);
        List<BulkItem> again = builder("logs-%Y.%m.%d", Optional.empty()).items(CHUNK);
        assertThat(first)
                .extracting(BulkItem::id)
                .containsExactlyElementsOf(again.stream().map(BulkItem::id).toList());
        assertThat(first.get(0).id()).endsWith("-0").doesNotContain("/", "+");
        assertThat(first.get(1).id()).endsWith("-1");
    }

    @Test
    void theIndexIsTheEventDateInTheConfiguredZoneInLowerCase() {
        List<BulkItem> items = builder("${tag}-%Y.%m.%d", Optional.empty()).items(CHUNK);
        assertThat(items)
                .extracting(BulkItem::target)
                .containsExactly("app.access-2020.08.14", "app.access-2020.08.15");
    }

    @Test
    void theEventTimeIsAddedAsTimestampInTheIndexZoneUnlessTheRecordHasOne() {
        List<BulkItem> items =
                builder(
                                "logs",
                                Optional.of(
                                        new EventTimeField(
                                                "@timestamp",
                                                EventTimeFormat.ISO8601,
                                                TOKYO,
                                                false)))
                        .items(CHUNK);
        assertThat(new String(items.get(0).source(), StandardCharsets.UTF_8))
                .isEqualTo("{\"host\":\"a\",\"@timestamp\":\"2020-08-14T23:59:59.500+09:00\"}\n");
        assertThat(new String(items.get(1).source(), StandardCharsets.UTF_8))
                .contains("\"@timestamp\":\"given\"")
                .doesNotContain("2020");
    }

    @Test
    void aBodyIsGzippedNdjsonOfCreateActions() throws Exception {
        List<BulkItem> items = builder("logs", Optional.empty()).items(CHUNK);
        byte[] body = BulkRequestBuilder.body(items, true);
        String ndjson =
                new String(
                        new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(),
                        StandardCharsets.UTF_8);
        assertThat(ndjson.split("\n")).hasSize(4);
        assertThat(ndjson)
                .startsWith(
                        "{\"create\":{\"_index\":\"logs\",\"_id\":\""
                                + items.get(0).id()
                                + "\"}}\n{");
    }

    @Test
    void batchesStayUnderTheByteLimitExceptASingleLargerItem() {
        byte[] small = new byte[100];
        byte[] big = new byte[5000];
        List<BulkItem> items =
                List.of(item(0, small), item(1, small), item(2, big), item(3, small));
        List<List<BulkItem>> batches = BulkRequestBuilder.split(items, 1024);
        assertThat(batches).extracting(List::size).containsExactly(2, 1, 1);
        assertThat(batches.get(1).get(0).index()).isEqualTo(2);
    }

    private static BulkItem item(int i, byte[] source) {
        return new BulkItem(i, 0, 0, 0, "logs", "c-" + i, source);
    }
}
