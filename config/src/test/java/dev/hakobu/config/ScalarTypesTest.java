package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScalarTypesTest {
    enum Start {
        BEGINNING,
        END,
        DROP_OLDEST
    }

    record Everything(
            String name,
            int port,
            Integer retries,
            long offset,
            Long limit,
            double ratio,
            Double weight,
            boolean enabled,
            Boolean verbose,
            Duration timeout,
            DataSize buffer,
            ZoneId zone,
            Path root,
            Start start,
            Pattern match) {}

    private static final String VALID =
            """
            name: 123
            port: 8080
            retries: -3
            offset: 9000000000
            limit: 7
            ratio: 0.25
            weight: 2
            enabled: TRUE
            verbose: false
            timeout: 1m30s
            buffer: 64 KiB
            zone: Asia/Tokyo
            root: /var/lib/hakobu
            start: drop-oldest
            match: "^app-\\\\d+$"
            """;

    @Test
    void everyScalarTypeBindsFromItsUsualSpelling() throws Exception {
        Everything e = Loading.plain().load(VALID, Everything.class);

        assertThat(e.name()).isEqualTo("123");
        assertThat(e.port()).isEqualTo(8080);
        assertThat(e.retries()).isEqualTo(-3);
        assertThat(e.offset()).isEqualTo(9_000_000_000L);
        assertThat(e.limit()).isEqualTo(7L);
        assertThat(e.ratio()).isEqualTo(0.25);
        assertThat(e.weight()).isEqualTo(2.0);
        assertThat(e.enabled()).isTrue();
        assertThat(e.verbose()).isFalse();
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(e.buffer()).isEqualTo(DataSize.ofBytes(64 * 1024));
        assertThat(e.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(e.root()).isEqualTo(Path.of("/var/lib/hakobu"));
        assertThat(e.start()).isEqualTo(Start.DROP_OLDEST);
        assertThat(e.match().matcher("app-42").matches()).isTrue();
    }

    @Test
    void everyWrongScalarIsReportedAtItsValueWithWhatWasExpected() {
        String yaml =
                """
                name: [a, b]
                port: 99999999999
                retries: three
                offset: 1.5
                limit: 0x10
                ratio: lots
                weight: NaN
                enabled: yes
                verbose: 1
                timeout: 30
                buffer: 12XB
                zone: Asia/Tokio
                root: ""
                start: middle
                match: "(unclosed"
                """;

        assertThat(Loading.plain().errors(yaml, Everything.class))
                .containsExactly(
                        "1:7 name: expected a string, found a sequence",
                        "2:7 port: expected an integer between -2147483648 and 2147483647, found '99999999999'",
                        "3:10 retries: expected an integer, found 'three'",
                        "4:9 offset: expected an integer, found '1.5'",
                        "5:8 limit: expected an integer, found '0x10'",
                        "6:8 ratio: expected a number, found 'lots'",
                        "7:9 weight: expected a number, found 'NaN'",
                        "8:10 enabled: expected true or false, found 'yes'",
                        "9:10 verbose: expected true or false, found '1'",
                        "10:10 timeout: '30' has no unit; write 30s for seconds or 30ms for milliseconds (units: ms, s, m, h, d)",
                        "11:9 buffer: unknown unit 'XB' in '12XB'; use B, KiB, MiB, GiB or TiB",
                        "12:7 zone: unknown time zone 'Asia/Tokio'; write a region such as Asia/Tokyo, UTC, or an offset such as +09:00",
                        "13:7 root: expected a path, found an empty value",
                        "14:8 start: expected one of: beginning, end, drop_oldest; found 'middle'",
                        "15:8 match: invalid regular expression '(unclosed': Unclosed group near index 9");
    }

    @Test
    void aStringKeepsTheTextOfAnyScalarIncludingQuotedNull() throws Exception {
        record Text(String value) {}

        assertThat(Loading.plain().load("value: \"null\"", Text.class).value()).isEqualTo("null");
        assertThat(Loading.plain().load("value: 'true'", Text.class).value()).isEqualTo("true");
        assertThat(Loading.plain().load("value: 1.50", Text.class).value()).isEqualTo("1.50");
    }

    @Test
    void enumsAcceptUnderscoreOrDashAndIsoDurationsAreAccepted() throws Exception {
        record Tail(Start start, Duration every) {}

        Tail tail = Loading.plain().load("start: drop_oldest\nevery: PT5S", Tail.class);

        assertThat(tail.start()).isEqualTo(Start.DROP_OLDEST);
        assertThat(tail.every()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aMappingWhereAScalarIsExpectedSaysWhatWasFound() {
        record Port(int port) {}

        assertThat(Loading.plain().errors("port:\n  value: 1", Port.class))
                .containsExactly("2:3 port: expected an integer, found a mapping");
    }
}
