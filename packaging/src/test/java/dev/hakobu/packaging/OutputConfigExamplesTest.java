package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.outputs.elasticsearch.ElasticsearchOutputConfig;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.kinesis.KinesisOutputConfig;
import dev.hakobu.testing.TestData;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped output examples bind through the type registry, and mistakes read as "key: what to do". */
class OutputConfigExamplesTest {
    record Outputs(Map<String, OutputConfig> outputs) {}

    private static Outputs load(String name, String yaml) throws ConfigException {
        return ConfigLoader.fromClasspath().load(name, yaml, Outputs.class);
    }

    @Test
    void theElasticsearchExampleBinds() throws Exception {
        Outputs o =
                ConfigLoader.fromClasspath()
                        .load(
                                TestData.root()
                                        .resolve("config/examples/outputs-elasticsearch.yaml"),
                                Outputs.class);
        ElasticsearchOutputConfig search = (ElasticsearchOutputConfig) o.outputs().get("search");
        assertThat(search.index()).isEqualTo("lock-access-%Y.%m.%d");
        assertThat(search.itemRetry().maxTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(search.eventTime().key()).contains("@timestamp");
        assertThat(search.types().keySet())
                .as("story S2's types")
                .containsExactly("time", "status", "size", "reqtime", "host");
        assertThat(search.types().get("size").nullAs()).contains("-1");
        assertThat(search.indexTemplate().enabled()).isTrue();
        ElasticsearchOutputConfig stream =
                (ElasticsearchOutputConfig) o.outputs().get("events-stream");
        assertThat(stream.eventTime()).isEqualTo(EventTimeConfig.defaults());
    }

    @Test
    void theKinesisExampleBinds() throws Exception {
        Outputs o =
                ConfigLoader.fromClasspath()
                        .load(
                                TestData.root().resolve("config/examples/outputs-kinesis.yaml"),
                                Outputs.class);
        KinesisOutputConfig clicks = (KinesisOutputConfig) o.outputs().get("clicks");
        assertThat(clicks.partitionKeyField()).contains("user_id");
        assertThat(clicks.aggregation()).isTrue();
        assertThat(clicks.eventTime().format()).isEqualTo(EventTimeFormat.EPOCH_MILLIS);
        assertThat(((KinesisOutputConfig) o.outputs().get("clicks-local")).endpoint())
                .isEqualTo(Optional.of("http://127.0.0.1:4567"));
    }

    @Test
    void aDataStreamWithDatesInItsNameIsRefusedWithAHint() {
        assertThatThrownBy(
                        () ->
                                load(
                                        "a.yaml",
                                        "outputs:\n  s:\n    type: elasticsearch\n    url: http://127.0.0.1:9200\n"
                                                + "    index: logs-%Y\n    data_stream: true\n"))
                .hasMessageContaining("index: a data stream name takes no time fields");
    }

    @Test
    void aDataStreamWithoutTheEventTimeInTimestampIsRefusedWithAHint() {
        assertThatThrownBy(
                        () ->
                                load(
                                        "a.yaml",
                                        "outputs:\n  s:\n    type: elasticsearch\n    url: http://127.0.0.1:9200\n"
                                                + "    index: logs-x\n    data_stream: true\n    event_time: {key: time}\n"))
                .hasMessageContaining(
                        "event_time: a data stream needs the event time in @timestamp");
        assertThatThrownBy(
                        () ->
                                load(
                                        "a.yaml",
                                        "outputs:\n  s:\n    type: elasticsearch\n    url: http://127.0.0.1:9200\n"
                                                + "    index: logs-x\n    data_stream: true\n    event_time: {format: epoch_seconds}\n"))
                .hasMessageContaining("as iso8601 or epoch_millis");
    }

    @Test
    void anEmptyEventTimeKeyIsRefusedAtItsLine() {
        assertThatThrownBy(
                        () ->
                                load(
                                        "k.yaml",
                                        "outputs:\n  k:\n    type: kinesis\n    stream: s\n    event_time: {key: \"\"}\n"))
                .hasMessageContaining("k.yaml:5")
                .hasMessageContaining("outputs.k.event_time.key: empty");
    }

    @Test
    void anUnknownEventTimeFormatListsTheKnownOnes() {
        assertThatThrownBy(
                        () ->
                                load(
                                        "f.yaml",
                                        "outputs:\n  f:\n    type: file\n    root: /tmp/x\n    event_time: {format: rfc3339}\n"))
                .hasMessageContaining("iso8601, epoch_seconds, epoch_millis");
    }

    @Test
    void anAggregateLargerThanAKinesisRecordIsRefused() {
        assertThatThrownBy(
                        () ->
                                load(
                                        "k.yaml",
                                        "outputs:\n  k:\n    type: kinesis\n    stream: s\n    aggregation_max_bytes: 2MiB\n"))
                .hasMessageContaining("aggregation_max_bytes:");
    }
}
