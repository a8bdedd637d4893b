package dev.hakobu.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeParserTest {
    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource({
        "2020-08-14T11:22:33+09:00, UTC, 2020-08-14T02:22:33Z",
        "2020-08-14 11:22:33+0900, UTC, 2020-08-14T02:22:33Z",
        "2020-08-14T11:22:33+09, UTC, 2020-08-14T02:22:33Z",
        "2020-08-14T11:22:33.5Z, Asia/Tokyo, 2020-08-14T11:22:33.500Z",
        "2020-08-14T11:22:33.123456789-03:30, UTC, 2020-08-14T14:52:33.123456789Z",
        "2020-08-14T11:22:33, Asia/Tokyo, 2020-08-14T02:22:33Z",
        "2020-08-14T11:22:33, UTC, 2020-08-14T11:22:33Z",
        "2020-03-08T02:30:00, America/New_York, 2020-03-08T07:30:00Z",
        "2024-02-29T00:00:00Z, UTC, 2024-02-29T00:00:00Z",
        "1969-12-31T23:59:59.9Z, UTC, 1969-12-31T23:59:59.900Z",
    })
    void iso8601ReadsTheCommonShapes(String text, String zone, String expected) {
        assertThat(TimeParser.of("iso8601", ZoneId.of(zone)).parse(text))
                .isEqualTo(nanos(Instant.parse(expected)));
    }

    @Test
    void theFastPathAgreesWithJavaTimeOnRandomInstants() {
        SplittableRandom r = new SplittableRandom(7);
        TimeParser parser = TimeParser.of("iso8601", ZoneId.of("UTC"));
        for (int i = 0; i < 10_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(
                            r.nextLong(-2_000_000_000L, 4_000_000_000L), r.nextInt(1_000_000_000));
            int offset = r.nextInt(-12 * 3600, 14 * 3600) / 60 * 60;
            String text =
                    OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(offset)).toString();
            assertThat(parser.parse(text)).as(text).isEqualTo(nanos(instant));
        }
    }

    @Test
    void impossibleDatesAndGarbageFailWithJavaTimesMessage() {
        TimeParser parser = TimeParser.of("iso8601", ZoneId.of("UTC"));
        assertThatThrownBy(() -> parser.parse("2021-02-29T00:00:00Z"))
                .isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> parser.parse("yesterday")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> parser.parse("2020-08-14T11:22:33+09:00junk"))
                .isInstanceOf(DateTimeException.class);
    }

    @Test
    void epochAndPatternFormats() {
        assertThat(TimeParser.of("epoch", ZoneId.of("UTC")).parse("1597371753.25"))
                .isEqualTo(1_597_371_753_250_000_000L);
        assertThat(TimeParser.of("epoch_millis", ZoneId.of("UTC")).parse("1597371753250"))
                .isEqualTo(1_597_371_753_250_000_000L);
        assertThat(
                        TimeParser.of("dd/MMM/yyyy:HH:mm:ss Z", ZoneId.of("UTC"))
                                .parse("14/Aug/2020:11:22:33 +0900"))
                .isEqualTo(nanos(Instant.parse("2020-08-14T02:22:33Z")));
        assertThat(
                        TimeParser.of("yyyy-MM-dd HH:mm:ss", ZoneId.of("Asia/Tokyo"))
                                .parse("2020-08-14 11:22:33"))
                .isEqualTo(
                        nanos(
                                LocalDateTime.parse("2020-08-14T11:22:33")
                                        .atZone(ZoneId.of("Asia/Tokyo"))
                                        .toInstant()));
    }

    @Test
    void theAccessLogFastPathAgreesWithJavaTimeOnRandomInstants() {
        SplittableRandom r = new SplittableRandom(11);
        TimeParser parser = TimeParser.of("dd/MMM/yyyy:HH:mm:ss Z", ZoneId.of("UTC"));
        java.time.format.DateTimeFormatter f =
                java.time.format.DateTimeFormatter.ofPattern(
                        "dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(r.nextLong(0, 4_000_000_000L));
            String text =
                    OffsetDateTime.ofInstant(
                                    instant,
                                    ZoneOffset.ofTotalSeconds(r.nextInt(-12 * 60, 14 * 60) * 60))
                            .format(f);
            assertThat(parser.parse(text)).as(text).isEqualTo(nanos(instant));
        }
        assertThatThrownBy(() -> parser.parse("14/Foo/2020:11:22:33 +0900"))
                .isInstanceOf(DateTimeException.class);
    }
}
