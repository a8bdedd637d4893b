package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.outputs.elasticsearch.ElasticsearchErrorClassifier.ItemVerdict;
import dev.hakobu.outputs.elasticsearch.ElasticsearchErrorClassifier.RequestVerdict;
import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bulk responses recorded from the real servers (src-test-data/elasticsearch, request in
 * bulk-mixed-request.ndjson) and what the output does with each item.
 */
class ElasticsearchErrorClassifierTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "opensearch-2.19.6-bulk-mixed.json",
                "elasticsearch-8.19.21-bulk-mixed.json"
            })
    void
            inAMixedResponseOnlyTheUnavailableShardIsRetriedTheMappingErrorsAreDeadLetteredAndTheConflictCounts(
                    String file) throws Exception {
        BulkResponse r =
                BulkResponse.parse(Files.readAllBytes(TestData.file("elasticsearch/" + file)));

        assertThat(r.errors()).isTrue();
        assertThat(r.items())
                .extracting(BulkResponse.Item::status)
                .containsExactly(409, 400, 400, 503, 201);
        assertThat(r.items())
                .extracting(i -> ElasticsearchErrorClassifier.item(i.status(), i.errorType()))
                .containsExactly(
                        ItemVerdict.DELIVERED,
                        ItemVerdict.DEAD_LETTER,
                        ItemVerdict.DEAD_LETTER,
                        ItemVerdict.RETRY,
                        ItemVerdict.DELIVERED);
        assertThat(r.items().get(1).reason())
                .contains(
                        "failed to parse field [size] of type [integer]",
                        "For input string: \"big\"");
        assertThat(r.items().get(2).reason())
                .contains("failed to parse field [time] of type [date]");
        assertThat(r.items().get(3).errorType()).isEqualTo("unavailable_shards_exception");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "elasticsearch-8.19.21-bulk-request-429.json, 429, RETRY_ALL",
        "opensearch-2.19.6-bulk-request-400.json, 400, REJECT_CHUNK",
    })
    void aRequestRefusedAsAWholeIsRetriedWhenThrottledAndRejectedWhenMalformed(
            String file, int status, RequestVerdict expected) throws Exception {
        String body = Files.readString(TestData.file("elasticsearch/" + file));
        assertThat(body).contains("\"status\":" + status);
        assertThat(ElasticsearchErrorClassifier.request(status)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "201, , DELIVERED",
        "200, , DELIVERED",
        "409, version_conflict_engine_exception, DELIVERED",
        "429, es_rejected_execution_exception, RETRY",
        "500, exception, RETRY",
        "503, unavailable_shards_exception, RETRY",
        "404, index_not_found_exception, RETRY",
        "403, cluster_block_exception, RETRY",
        "400, mapper_parsing_exception, DEAD_LETTER",
        "400, document_parsing_exception, DEAD_LETTER",
        "413, , DEAD_LETTER",
    })
    void eachItemStatus(int status, String type, ItemVerdict expected) {
        assertThat(ElasticsearchErrorClassifier.item(status, type)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"index\":{\"status\":200}}]}",
                "{\"errors\":false}"
            })
    void aFilteredResponseWithoutErrorsReadsAsAllStored(String body) throws Exception {
        BulkResponse r = BulkResponse.parse(body.getBytes());
        assertThat(r.errors()).isFalse();
        assertThat(r.items())
                .allMatch(
                        i ->
                                ElasticsearchErrorClassifier.item(i.status(), i.errorType())
                                        == ItemVerdict.DELIVERED);
        assertThat(List.of(0, 2)).contains(r.items().size());
    }
}
