package dev.hakobu.agent.parse;

import static dev.hakobu.agent.parse.KeepOriginalTest.parse;
import static dev.hakobu.agent.parse.KeepOriginalTest.rawFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawTimeTest {
    private static final long ARRIVAL = 1_600_000_000_000_000_000L;

    @Test
    void aRegexGroupGivesTheEventTimeAndTheLineStaysWholeInMessage() throws Exception {
        LineParser parser =
                raw("time_regex: '^\\[(?<time>[^\\]]+)\\]'\ntime_format: dd/MMM/yyyy:HH:mm:ss Z");
        String line = "[05/Dec/2026:23:59:58 +0900] GET  /news\t{\"b\":1, \"a\":2}";
        RecordBuilder out = parse(parser, line.getBytes(StandardCharsets.UTF_8));

        assertThat(rawFields(out).keySet()).containsExactly("message");
        assertThat(rawFields(out).get("message")).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
        assertThat(Instant.ofEpochSecond(0, out.eventNanos()))
                .isEqualTo(Instant.parse("2026-12-05T14:59:58Z"));
    }

    @Test
    void aLineWithoutAMatchKeepsItsArrivalTimeAndSaysWhy() throws Exception {
        LineParser parser = raw("time_regex: 'at (?<time>\\S+)'");
        RecordBuilder out = parse(parser, "no time here".getBytes(StandardCharsets.UTF_8));

        assertThat(out.eventNanos()).isEqualTo(ARRIVAL);
        assertThat(new String(rawFields(out).get("_time_parse_error"), StandardCharsets.UTF_8))
                .isEqualTo("time_regex: no match in the line");
    }

    @Test
    void aMatchThatIsNotATimeKeepsItsArrivalTimeAndSaysWhy() throws Exception {
        LineParser parser = raw("time_regex: 'at (?<time>\\S+)'");
        RecordBuilder out = parse(parser, "at noon".getBytes(StandardCharsets.UTF_8));

        assertThat(out.eventNanos()).isEqualTo(ARRIVAL);
        assertThat(new String(rawFields(out).get("_time_parse_error"), StandardCharsets.UTF_8))
                .startsWith("time_regex: cannot read 'noon' as time");
    }

    @Test
    void aJsonPointerGivesTheEventTimeFromAStringOrANumber() throws Exception {
        LineParser iso = raw("time_pointer: /meta/ts");
        String line = "{\"z\":\"\\u00e9\" , \"meta\":{\"ts\":\"2026-12-05T00:00:01Z\"}}";
        RecordBuilder out = parse(iso, line.getBytes(StandardCharsets.UTF_8));
        assertThat(rawFields(out).keySet()).containsExactly("message");
        assertThat(rawFields(out).get("message")).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
        assertThat(Instant.ofEpochSecond(0, out.eventNanos()))
                .isEqualTo(Instant.parse("2026-12-05T00:00:01Z"));

        LineParser millis = raw("time_pointer: /ts\ntime_format: epoch_millis");
        out = parse(millis, "{\"ts\":1796000000123}".getBytes(StandardCharsets.UTF_8));
        assertThat(out.eventNanos()).isEqualTo(1_796_000_000_123_000_000L);
    }

    @Test
    void aLineWithoutThePointerOrNotJsonKeepsItsArrivalTimeAndSaysWhy() throws Exception {
        LineParser parser = raw("time_pointer: /ts");
        RecordBuilder out = parse(parser, "{\"other\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(out.eventNanos()).isEqualTo(ARRIVAL);
        assertThat(new String(rawFields(out).get("_time_parse_error"), StandardCharsets.UTF_8))
                .isEqualTo("/ts: not found in the line");

        out = parse(parser, "plain text".getBytes(StandardCharsets.UTF_8));
        assertThat(out.eventNanos()).isEqualTo(ARRIVAL);
        assertThat(new String(rawFields(out).get("_time_parse_error"), StandardCharsets.UTF_8))
                .startsWith("/ts: the line is not JSON: ");

        out = parse(parser, "{\"ts\":[1]}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(rawFields(out).get("_time_parse_error"), StandardCharsets.UTF_8))
                .isEqualTo("/ts: not a string or a number");
    }

    @Test
    void withoutATimeOptionEveryLineIsAtItsArrivalTime() throws Exception {
        RecordBuilder out =
                parse(raw("{}"), "[05/Dec/2026:23:59:58 +0900]".getBytes(StandardCharsets.UTF_8));
        assertThat(out.eventNanos()).isEqualTo(ARRIVAL);
        assertThat(rawFields(out).keySet()).containsExactly("message");
    }

    @Test
    void configErrorsNameTheOptionAndItsLine() {
        assertThatThrownBy(() -> raw("time_format: iso8601\ntime_regex: '(?<when>\\S+)'"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "s4.yaml:2:13: time_regex: needs a named group (?<time>...) around the time,"
                                + " e.g. ^\\[(?<time>[^\\]]+)\\]");
        assertThatThrownBy(() -> raw("time_regex: '(?<time>[a-'"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("time_regex: not a valid regular expression");
        assertThatThrownBy(() -> raw("time_pointer: ts"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("time_pointer: a JSON pointer starts with '/'");
        assertThatThrownBy(() -> raw("time_pointer: /ts\ntime_regex: '(?<time>.*)'"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("time_regex and time_pointer: set one of them, not both");
    }

    private static LineParser raw(String yaml) throws ConfigException {
        return ConfigLoader.fromClasspath().load("s4.yaml", yaml, RawParserConfig.class).build();
    }
}
