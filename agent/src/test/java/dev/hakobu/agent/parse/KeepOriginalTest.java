package dev.hakobu.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

class KeepOriginalTest {
    private static final long ARRIVAL = 1_600_000_000_000_000_000L;

    @Test
    void aJsonLineKeepsItsBytesInTheFieldAndItsParsedFieldsAndEventTime() throws Exception {
        LineParser parser = json("keep_original: message\ntime_key: ts");
        String line =
                "{ \"z\" : 1,\t\"ts\":\"2026-12-05T23:59:58+09:00\", \"t\":\"\\u65e5\\\"x\" }";
        RecordBuilder out = parse(parser, line.getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> fields = rawFields(out);
        assertThat(fields.keySet()).containsExactly("z", "ts", "t", "message");
        assertThat(fields.get("message")).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
        assertThat(Instant.ofEpochSecond(0, out.eventNanos()))
                .isEqualTo(Instant.parse("2026-12-05T14:59:58Z"));
        assertThat(new String(fields.get("t"), StandardCharsets.UTF_8)).isEqualTo("日\"x");
    }

    @Test
    void theFastPathsLinesKeepTheirBytesToo() throws Exception {
        LineParser parser = json("keep_original: message\ntime_key: ts");
        String line = "{\"ts\":\"2026-12-01T00:00:00Z\",\"a\":\"b\",\"n\":-12}";
        RecordBuilder out = parse(parser, line.getBytes(StandardCharsets.UTF_8));

        assertThat(rawFields(out).keySet()).containsExactly("ts", "a", "n", "message");
        assertThat(rawFields(out).get("message")).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
        assertThat(out.eventNanos())
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond() * 1_000_000_000L);
    }

    @Test
    void aParsedFieldOfTheSameNameIsReplacedByTheLineSoTheRecordHasOneSuchKey() throws Exception {
        LineParser parser = json("keep_original: message");
        String line = "{\"message\":\"parsed\",\"n\":1}";
        RecordBuilder out = parse(parser, line.getBytes(StandardCharsets.UTF_8));

        assertThat(out.fieldCount()).isEqualTo(2);
        assertThat(rawFields(out).keySet()).containsExactly("n", "message");
        assertThat(rawFields(out).get("message")).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyParsedFieldOfThatNameIsReplacedEvenWhenTheLineRepeatsIt() throws Exception {
        LineParser parser = json("keep_original: message");
        String line = "{\"message\":\"one\",\"n\":1,\"message\":{\"two\":[2]},\"m\":3}";
        RecordBuilder out = parse(parser, line.getBytes(StandardCharsets.UTF_8));

        assertThat(rawFields(out).keySet()).containsExactly("n", "m", "message");
        assertThat(rawFields(out).get("message")).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineThatDoesNotParseKeepsItsErrorAndTheLineOnce() throws Exception {
        LineParser parser = json("keep_original: message");
        RecordBuilder out = parse(parser, "{\"a\":".getBytes(StandardCharsets.UTF_8));

        assertThat(out.parseFailed()).isTrue();
        assertThat(rawFields(out).keySet()).containsExactly("_parse_error", "message");
        assertThat(new String(rawFields(out).get("message"), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":");
    }

    @Test
    void aLineThatIsNotUtf8IsKeptExactlyInBase64NextToItsReadableForm() throws Exception {
        LineParser parser = ltsv("keep_original: original");
        byte[] line = {'a', ':', 'x', (byte) 0xff, '\t', 'b', ':', (byte) 0xc3};
        RecordBuilder out = parse(parser, line);

        Map<String, byte[]> fields = rawFields(out);
        assertThat(fields.keySet()).containsExactly("a", "b", "original", "_original_base64");
        assertThat(new String(fields.get("original"), StandardCharsets.UTF_8))
                .isEqualTo("a:x\uFFFD\tb:\uFFFD");
        assertThat(Base64.getDecoder().decode(fields.get("_original_base64"))).isEqualTo(line);
    }

    @Test
    void anLtsvLineKeepsItsBytesAndItsEventTime() throws Exception {
        LineParser parser = ltsv("keep_original: original\ntime_key: time");
        String line = "time:2026-12-05T01:02:03Z\tua:Mozilla (日本)\t";
        RecordBuilder out = parse(parser, line.getBytes(StandardCharsets.UTF_8));

        assertThat(rawFields(out).keySet()).containsExactly("time", "ua", "original");
        assertThat(rawFields(out).get("original")).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
        assertThat(Instant.ofEpochSecond(0, out.eventNanos()))
                .isEqualTo(Instant.parse("2026-12-05T01:02:03Z"));
    }

    @Test
    void withoutTheOptionTheParserIsNotWrapped() throws Exception {
        assertThat(json("time_key: ts")).isInstanceOf(JsonLineParser.class);
        assertThat(ltsv("time_key: ts")).isInstanceOf(LtsvLineParser.class);
        assertThat(json("keep_original: m")).isInstanceOf(KeepOriginal.class);
    }

    @Test
    void anEmptyFieldNameIsAConfigErrorAtItsLine() {
        assertThatThrownBy(() -> json("time_key: ts\nkeep_original: ''"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "s4.yaml:2:16: keep_original: names the field that keeps the line, e.g. message");
    }

    static LineParser json(String yaml) throws ConfigException {
        return ConfigLoader.fromClasspath().load("s4.yaml", yaml, JsonParserConfig.class).build();
    }

    static LineParser ltsv(String yaml) throws ConfigException {
        return ConfigLoader.fromClasspath().load("s4.yaml", yaml, LtsvParserConfig.class).build();
    }

    static RecordBuilder parse(LineParser parser, byte[] line) {
        RecordBuilder out = new RecordBuilder();
        out.begin(0); // a previous record in the builder, as on the reader thread
        out.string("old", "record");
        out.finish();
        parser.parse(line, 0, line.length, ARRIVAL, out);
        return out;
    }

    /** Each field's name and, for strings, the payload bytes as packed; other values as their text. */
    static Map<String, byte[]> rawFields(RecordBuilder out) throws IOException {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        try (MessageUnpacker u =
                MessagePack.newDefaultUnpacker(out.array(), out.start(), out.end() - out.start())) {
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                String name = u.unpackString();
                // the line's own duplicate names stay (the parsers keep them); the kept field is
                // never one
                assertThat(name.equals("message") || name.equals("original") ? fields : Map.of())
                        .as("the kept field appears once")
                        .doesNotContainKey(name);
                if (u.getNextFormat().getValueType() == org.msgpack.value.ValueType.STRING) {
                    fields.put(name, u.readPayload(u.unpackRawStringHeader()));
                } else {
                    Value v = u.unpackValue();
                    fields.put(name, v.toJson().getBytes(StandardCharsets.UTF_8));
                }
            }
            assertThat(u.hasNext()).isFalse();
        }
        return fields;
    }
}
