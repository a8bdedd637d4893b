package dev.hakobu.agent.parse;

import static dev.hakobu.agent.parse.KeepOriginalTest.rawFields;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@code keep_original} gives back every line exactly, whatever the parser made of it. */
class KeepOriginalPropertyTest {
    private final RecordBuilder out = new RecordBuilder();
    private final LineParser json =
            new JsonParserConfig(
                            Optional.of("ts"),
                            "iso8601",
                            ZoneId.of("UTC"),
                            Map.of(),
                            List.of("-", ""),
                            ParseErrorMode.KEEP,
                            Optional.of("message"))
                    .build();
    private final LineParser ltsv =
            new LtsvParserConfig(
                            Optional.of("ts"),
                            "iso8601",
                            ZoneId.of("UTC"),
                            Map.of(),
                            List.of("-", ""),
                            ParseErrorMode.KEEP,
                            Optional.of("message"))
                    .build();

    @Property(tries = 2000)
    void anyJsonObjectLineIsKeptByteForByte(@ForAll("jsonLines") String line) throws Exception {
        assertKeptExactly(json, line.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void anyTextLineIsKeptByteForByte(@ForAll("textLines") String line) throws Exception {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        assertKeptExactly(json, bytes);
        assertKeptExactly(ltsv, bytes);
    }

    @Property(tries = 2000)
    void anyBytesAreKeptExactlyAsTextOrInBase64(@ForAll("byteLines") byte[] line) throws Exception {
        assertKeptExactly(json, line);
        assertKeptExactly(ltsv, line);
    }

    private void assertKeptExactly(LineParser parser, byte[] line) throws Exception {
        parser.parse(line, 0, line.length, 0, out);
        Map<String, byte[]> fields = rawFields(out);
        byte[] base64 = fields.get(KeepOriginal.BASE64);
        if (base64 == null) {
            assertThat(fields.get("message")).isEqualTo(line);
        } else {
            assertThat(Base64.getDecoder().decode(base64)).isEqualTo(line);
            assertThat(new String(fields.get("message"), StandardCharsets.UTF_8))
                    .isEqualTo(new String(line, StandardCharsets.UTF_8));
        }
    }

    /** JSON objects written the way loggers write them: odd whitespace, escapes, any key order, nesting. */
    @Provide
    Arbitrary<String> jsonLines() {
        Arbitrary<String> ws = Arbitraries.of("", " ", "  ", "\t", " \t ");
        Arbitrary<String> text =
                Arbitraries.strings()
                        .all()
                        .ofMaxLength(20)
                        .map(KeepOriginalPropertyTest::jsonString);
        Arbitrary<String> number =
                Arbitraries.of("0", "-1", "2.50", "1e3", "-0.0", "12345678901234567890", "1E-7");
        Arbitrary<String> scalar =
                Arbitraries.oneOf(text, number, Arbitraries.of("true", "false", "null"));
        Arbitrary<String> value =
                Arbitraries.oneOf(
                        scalar,
                        scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                        Combinators.combine(text, scalar).as((k, v) -> "{" + k + ":" + v + "}"));
        Arbitrary<String> member =
                Combinators.combine(
                                Arbitraries.oneOf(text, Arbitraries.of("\"ts\"", "\"message\"")),
                                ws,
                                ws,
                                value)
                        .as((k, w1, w2, v) -> k + w1 + ":" + w2 + v);
        return Combinators.combine(member.list().ofMaxSize(6), ws, ws)
                .as(
                        (members, before, after) ->
                                before + "{" + String.join("," + before, members) + "}" + after);
    }

    @Provide
    Arbitrary<String> textLines() {
        return Arbitraries.strings().all().ofMaxLength(200).filter(s -> s.indexOf('\n') < 0);
    }

    @Provide
    Arbitrary<byte[]> byteLines() {
        return Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(100)
                .map(
                        b -> {
                            for (int i = 0; i < b.length; i++) {
                                if (b[i] == '\n') {
                                    b[i] = ' ';
                                }
                            }
                            return b;
                        });
    }

    /** A JSON string literal, escaping some characters that need no escape, as some loggers do. */
    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '/') {
                b.append("\\/");
            } else if (c < 0x20 || (c >= 0x80 && i % 2 == 0)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
