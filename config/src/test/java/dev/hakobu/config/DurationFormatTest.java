package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "5s, PT5S",
        "1m, PT1M",
        "2h, PT2H",
        "1d, PT24H",
        "1h30m, PT1H30M",
        "10 S, PT10S",
        "PT5S, PT5S",
        "pt1m, PT1M",
        "0s, PT0S"
    })
    void durationsAreReadWithAUnitOrAsIso8601(String text, String iso) {
        assertThat(DurationFormat.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "0"})
    void aBareNumberIsRefusedAndTheMessageSuggestsUnits(String text) {
        assertThatThrownBy(() -> DurationFormat.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "'"
                                + text
                                + "' has no unit; write "
                                + text
                                + "s for seconds or "
                                + text
                                + "ms for milliseconds (units: ms, s, m, h, d)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5 minutes", "-5s", "1.5s", "5s garbage", "PTx"})
    void anythingElseIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationFormat.parse(text))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void durationsAreWrittenBackTheWayOperatorsWriteThem() {
        org.assertj.core.api.Assertions.assertThat(
                        java.util.stream.Stream.of("3s", "10m", "1h30m", "500ms", "1d2h", "0s")
                                .map(t -> DurationFormat.toText(DurationFormat.parse(t))))
                .containsExactly("3s", "10m", "1h30m", "500ms", "1d2h", "0s");
    }
}
