package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.output.OutputContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexTemplateConfigTest {
    private static final String URL = "http://127.0.0.1:9200";

    @TempDir Path dir;

    @Test
    void anIndexThatStartsWithAPlaceholderNeedsItsPatternsNamed() {
        assertThatThrownBy(
                        () ->
                                AbstractSearchOutputTest.config(
                                        URL,
                                        "${tag}-%Y.%m.%d",
                                        Map.of(),
                                        IndexTemplateConfig.defaults()))
                .hasMessage(
                        "index_template.index_patterns: the index starts with a placeholder, so its pattern "
                                + "'*-*.*.*' would match other indices too; give index_template.index_patterns");
        assertThat(
                        AbstractSearchOutputTest.config(
                                        URL,
                                        "${tag}-%Y.%m.%d",
                                        Map.of(),
                                        new IndexTemplateConfig(
                                                true, Optional.empty(), List.of("web.*-*"), 200))
                                .indexTemplate()
                                .indexPatterns())
                .containsExactly("web.*-*");
    }

    @Test
    void theEventTimeFieldCanOnlyBeDeclaredAsATime() {
        assertThatThrownBy(
                        () ->
                                AbstractSearchOutputTest.config(
                                        URL,
                                        "logs-%Y",
                                        Map.of(
                                                "@timestamp",
                                                IndexFieldType.of(IndexFieldKind.STRING, null)),
                                        IndexTemplateConfig.defaults()))
                .hasMessageContaining("types: @timestamp holds the event time");
    }

    @Test
    void nullAsMustFitItsType() {
        assertThatThrownBy(() -> IndexFieldType.of(IndexFieldKind.INTEGER, "-1.5"))
                .hasMessage("null_as: '-1.5' is not a valid integer");
        assertThatThrownBy(() -> IndexFieldType.of(IndexFieldKind.TIME, "1970-01-01"))
                .hasMessageStartingWith("null_as: not supported for type time");
    }

    @Test
    void theTemplateMapsTheEventTimeTheDeclaredTypesRawAndTheRest() {
        ElasticsearchOutputConfig c =
                AbstractSearchOutputTest.config(
                        URL,
                        "lock-access-%Y.%m.%d",
                        AbstractSearchOutputTest.storyS2Types(),
                        IndexTemplateConfig.defaults());
        IndexTemplate t =
                IndexTemplate.of(
                        c,
                        new OutputContext("Search", "n1", Clock.systemUTC(), dir).name(),
                        c.eventTime().field("@timestamp", c.timeZone()));
        assertThat(t.name()).isEqualTo("hakobu-search");
        assertThat(t.patterns()).containsExactly("lock-access-*.*.*");
        assertThat(t.body())
                .isEqualTo(
                        "{\"index_patterns\":[\"lock-access-*.*.*\"],\"priority\":200,\"_meta\":{\"managed_by\":\"hakobu\"},"
                                + "\"template\":{\"mappings\":{\"date_detection\":false,\"dynamic_templates\":["
                                + "{\"hakobu_raw\":{\"path_match\":\"_raw.*\",\"mapping\":{\"type\":\"keyword\",\"ignore_above\":8191}}},"
                                + "{\"hakobu_strings\":{\"match_mapping_type\":\"string\",\"mapping\":{\"type\":\"text\","
                                + "\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}}}},"
                                + "{\"hakobu_floats\":{\"match_mapping_type\":\"double\",\"mapping\":{\"type\":\"double\"}}}],"
                                + "\"properties\":{"
                                + "\"@timestamp\":{\"type\":\"date\",\"format\":\"strict_date_optional_time||epoch_millis\"},"
                                + "\"time\":{\"type\":\"date\",\"format\":\"strict_date_optional_time||epoch_millis\",\"ignore_malformed\":true},"
                                + "\"status\":{\"type\":\"long\",\"ignore_malformed\":true},"
                                + "\"size\":{\"type\":\"long\",\"ignore_malformed\":true},"
                                + "\"reqtime\":{\"type\":\"double\",\"ignore_malformed\":true},"
                                + "\"host\":{\"type\":\"keyword\",\"ignore_above\":8191}}}}}");
    }
}
