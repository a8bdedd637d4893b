package dev.hakobu.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldTypeConfigTest {
    @Test
    void aNullDefaultThatIsNotOfTheFieldsTypeIsAConfigError() {
        assertThatThrownBy(() -> FieldTypeConfig.of(FieldKind.INTEGER, "-1.5"))
                .hasMessage("null_as: '-1.5' is not a valid integer");
    }

    @Test
    void aFormatIsOnlyForTimeFields() {
        assertThatThrownBy(
                        () ->
                                new FieldTypeConfig(
                                        FieldKind.FLOAT, Optional.empty(), Optional.of("epoch")))
                .hasMessage("format: only for type time");
    }

    @Test
    void typesBindFromYamlWithDashAndEmptyAsDefaultNullValues() throws ConfigException {
        LtsvParserConfig config =
                ConfigLoader.fromClasspath()
                        .load(
                                "s2.yaml",
                                """
                types:
                  size: {type: integer, null_as: -1}
                  reqtime: {type: float, null_as: -1.0}
                """,
                                LtsvParserConfig.class);
        assertThat(config.types())
                .containsEntry("size", FieldTypeConfig.of(FieldKind.INTEGER, "-1"));
        assertThat(config.nullValues()).isEqualTo(List.of("-", ""));
        assertThat(config.onParseError()).isEqualTo(ParseErrorMode.KEEP);
    }

    @Test
    void anUnknownTypeNamesTheKeyInTheError() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.fromClasspath()
                                        .load(
                                                "bad.yaml",
                                                """
                types:
                  size: {type: integr}
                """,
                                                LtsvParserConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("types.size.type");
    }
}
