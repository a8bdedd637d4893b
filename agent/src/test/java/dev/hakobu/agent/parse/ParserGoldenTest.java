package dev.hakobu.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.encoding.JsonLinesEncoder;
import dev.hakobu.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each line of {@code src-test-data/parse/NAME.in} must parse to the matching line of
 * {@code NAME.expected} ({@code time<TAB>record as JSON}). Run with {@code -Dgolden.update=true} to
 * rewrite the expected files after a deliberate change, then review the diff.
 */
class ParserGoldenTest {
    private static final long ARRIVAL = 1_600_000_000_000_000_000L;

    @Test
    void jsonLinesFromStoryS1ParseToTheGoldenRecords() throws IOException {
        check(
                "json-s1",
                new JsonParserConfig(Optional.of("timestamp"), "iso8601", ZoneId.of("Asia/Tokyo"))
                        .build());
    }

    @Test
    void ltsvLinesFromStoryS2ParseToTheGoldenRecords() throws IOException {
        check(
                "ltsv-s2",
                new LtsvParserConfig(
                                Optional.of("time"), "dd/MMM/yyyy:HH:mm:ss Z", ZoneId.of("UTC"))
                        .build());
    }

    @Test
    void ltsvFromStoryS2IsTypedNullsBecomeTheirDefaultsAndBadValuesAreFlaggedNotDropped()
            throws Exception {
        check("ltsv-s2-typed", configured("ltsv-s2-typed", LtsvParserConfig.class).build());
    }

    @Test
    void jsonFieldsAreTypedFromStringsNumbersAndNulls() throws Exception {
        check("json-typed", configured("json-typed", JsonParserConfig.class).build());
    }

    @Test
    void withOnParseErrorRawABrokenLineKeepsOnlyItsMessage() throws Exception {
        check("json-raw-errors", configured("json-raw-errors", JsonParserConfig.class).build());
    }

    @Test
    void storyS4JsonKeepsEachLineWholeNextToItsParsedFieldsAndEventTime() throws Exception {
        check(
                "json-s4-keep-original",
                configured("json-s4-keep-original", JsonParserConfig.class).build());
    }

    @Test
    void ltsvKeepsEachLineWholeInTheNamedField() throws Exception {
        check(
                "ltsv-keep-original",
                configured("ltsv-keep-original", LtsvParserConfig.class).build());
    }

    @Test
    void rawTakesItsEventTimeFromARegexGroup() throws Exception {
        check("raw-time-regex", configured("raw-time-regex", RawParserConfig.class).build());
    }

    @Test
    void rawTakesItsEventTimeFromAJsonPointer() throws Exception {
        check("raw-time-pointer", configured("raw-time-pointer", RawParserConfig.class).build());
    }

    /** The parser config in {@code parse/NAME.yaml}, loaded as a user's config would be. */
    private static <T extends Record> T configured(String name, Class<T> type) throws Exception {
        return ConfigLoader.fromClasspath().load(TestData.file("parse/" + name + ".yaml"), type);
    }

    private static void check(String name, LineParser parser) throws IOException {
        byte[] input = Files.readAllBytes(TestData.file("parse/" + name + ".in"));
        StringBuilder actual = new StringBuilder();
        RecordBuilder record = new RecordBuilder();
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                parser.parse(input, start, i - start, ARRIVAL, record);
                actual.append(Instant.ofEpochSecond(0, record.eventNanos()))
                        .append('\t')
                        .append(json(record))
                        .append('\n');
                start = i + 1;
            }
        }
        Path expected = TestData.file("parse/" + name + ".expected");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, actual);
        }
        assertThat(actual.toString()).isEqualTo(Files.readString(expected));
    }

    static String json(RecordBuilder record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder enc = new JsonLinesEncoder(out)) {
            enc.write(record.array(), record.start(), record.end() - record.start());
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
