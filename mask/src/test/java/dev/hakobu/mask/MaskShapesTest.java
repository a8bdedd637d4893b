package dev.hakobu.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Every shape a query parameter was seen to leak in (issue #16), as story S1's {@code parameter} field:
 * the secret (every one spells {@code S3CR3T}, or is the number 31415926) is gone from the record's bytes,
 * and the field becomes exactly what the table says, so the other parameters are intact. Each row runs
 * through the chunk path with strings sent as str and as bin, and through the decoded-map path.
 */
class MaskShapesTest {
    private static final Masker MASKER =
            Masker.of(
                    List.of(
                            new MaskRuleConfig(
                                    Optional.of("parameter"),
                                    List.of("token", "password"),
                                    Optional.empty(),
                                    MaskAction.REDACT,
                                    "***",
                                    4,
                                    Optional.empty())));

    static Stream<Arguments> shapes() {
        String longSecret = "S3CR3T" + "x".repeat(100_000);
        return Stream.of(
                row("plain", "name=hoge&token=S3CR3T", "name=hoge&token=***"),
                row("leading ?", "?name=hoge&token=S3CR3T", "?name=hoge&token=***"),
                row("path before ?", "/api/x?name=hoge&token=S3CR3T", "/api/x?name=hoge&token=***"),
                row("; as separator", "name=hoge;token=S3CR3T;x=1", "name=hoge;token=***;x=1"),
                row("space before the name", "name=hoge& token=S3CR3T", "name=hoge& token=***"),
                row(
                        "tab and newline before names",
                        "name=hoge&\ttoken=S3CR3T&\npassword=S3CR3T2",
                        "name=hoge&\ttoken=***&\npassword=***"),
                row("+ around the name", "name=hoge&+token+=S3CR3T", "name=hoge&+token+=***"),
                row(
                        "%20 around the name",
                        "name=hoge&%20token%20=S3CR3T", "name=hoge&%20token%20=***"),
                row("percent-encoded name", "name=hoge&%74oken=S3CR3T", "name=hoge&%74oken=***"),
                row(
                        "fully encoded name",
                        "%74%6F%6B%65%6E=S3CR3T&name=hoge",
                        "%74%6F%6B%65%6E=***&name=hoge"),
                row("double-encoded name", "name=hoge&%2574oken=S3CR3T", "name=hoge&%2574oken=***"),
                row(
                        "name[]",
                        "token[]=S3CR3T1&token[]=S3CR3T2&name=hoge",
                        "token[]=***&token[]=***&name=hoge"),
                row("name[key]", "token[a]=S3CR3T&name[b]=hoge", "token[a]=***&name[b]=hoge"),
                row(
                        "outer[name]",
                        "user[token]=S3CR3T&user[name]=hoge",
                        "user[token]=***&user[name]=hoge"),
                row(
                        "repeated names",
                        "token=S3CR3T1&name=hoge&token=S3CR3T2",
                        "token=***&name=hoge&token=***"),
                row(
                        "mixed case",
                        "ToKeN=S3CR3T&name=hoge&PASSWORD=S3CR3T2",
                        "ToKeN=***&name=hoge&PASSWORD=***"),
                row(
                        "fragment after a secret",
                        "name=hoge&token=S3CR3T#frag",
                        "name=hoge&token=***"),
                row(
                        "secret in a fragment",
                        "/cb?name=hoge#token=S3CR3T",
                        "/cb?name=hoge#token=***"),
                row("name without =", "token&name=hoge", "token&name=hoge"),
                row("empty value", "token=&name=hoge", "token=***&name=hoge"),
                row("value holding =", "token=S3CR3T=x=y&name=hoge", "token=***&name=hoge"),
                row(
                        "unencoded ; # ? in a secret",
                        "password=pa;S3CR3T#x?y&name=hoge",
                        "password=***&name=hoge"),
                row("UTF-8 values", "name=日本&token=S3CR3T秘密", "name=日本&token=***"),
                row("very long secret", "name=hoge&token=" + longSecret, "name=hoge&token=***"),
                row(
                        "encoded URL in a value",
                        "redirect=https%3A%2F%2Fx.example%2Fcb%3Ftoken%3DS3CR3T&name=hoge",
                        "redirect=https://x.example/cb?token=***&name=hoge"),
                row(
                        "raw JSON in a value",
                        "data={\"token\":\"S3CR3T\"}&name=hoge",
                        "data={\"token\":\"***\"}&name=hoge"),
                row(
                        "JSON object (msgpack map)",
                        map("token", "S3CR3T", "name", "hoge"),
                        map("token", "***", "name", "hoge")),
                row(
                        "number as the secret",
                        map("token", 31415926L, "name", "hoge"),
                        map("token", "***", "name", "hoge")),
                row(
                        "nested map",
                        map("user", map("token", "S3CR3T", "name", "hoge")),
                        map("user", map("token", "***", "name", "hoge"))),
                row(
                        "JSON array (msgpack array)",
                        List.of(map("token", "S3CR3T"), "name=hoge&token=S3CR3T2"),
                        List.of(map("token", "***"), "name=hoge&token=***")),
                row(
                        "JSON in a string",
                        "{\"token\":\"S3CR3T\",\"name\":\"hoge\"}",
                        "{\"token\":\"***\",\"name\":\"hoge\"}"),
                row(
                        "JSON array in a string",
                        "[{\"token\":\"S3CR3T\"},\"name=hoge&token=S3CR3T2\"]",
                        "[{\"token\":\"***\"},\"name=hoge&token=***\"]"),
                row(
                        "JSON whose values are queries",
                        "{\"q\":\"name=hoge&token=S3CR3T\",\"n\":1.50}",
                        "{\"q\":\"name=hoge&token=***\",\"n\":1.50}"),
                row(
                        "JSON in JSON in a string",
                        "{\"inner\":\"{\\\"Token\\\":31415926}\"}",
                        "{\"inner\":\"{\\\"Token\\\":\\\"***\\\"}\"}"),
                row(
                        "JSON string literal holding JSON",
                        "\"{\\\"token\\\":\\\"S3CR3T\\\"}\"",
                        "\"{\\\"token\\\":\\\"***\\\"}\""),
                row("escaped name in JSON", "{\"\\u0074oken\":\"S3CR3T\"}", "{\"token\":\"***\"}"),
                row(
                        "secret object in JSON",
                        "{\"token\":{\"a\":\"S3CR3T\",\"b\":[31415926,null]}}",
                        "{\"token\":{\"a\":\"***\",\"b\":[\"***\",null]}}"),
                row(
                        "truncated JSON",
                        "{\"name\":\"hoge\",\"token\":\"S3CR3T",
                        "{\"name\":\"hoge\",\"token\":\"***"),
                row(
                        "two JSON objects in one string",
                        "{\"name\":\"hoge\"} {\"token\": \"S3CR3T\"}",
                        "{\"name\":\"hoge\"} {\"token\": \"***\"}"),
                row(
                        "Python dump",
                        "{'token': 'S3CR3T', 'name': 'hoge'}",
                        "{'token': '***', 'name': 'hoge'}"),
                row(
                        "Ruby dump",
                        "{\"token\"=>\"S3CR3T\", \"name\"=>\"hoge\"}",
                        "{\"token\"=>\"***\", \"name\"=>\"hoge\"}"),
                row(
                        "JSON escaped one level",
                        "{\\\"token\\\":\\\"S3CR3T\\\",\\\"name\\\":\\\"hoge\\\"}",
                        "{\\\"token\\\":\\\"***\\\",\\\"name\\\":\\\"hoge\\\"}"),
                row("nothing to mask", "name=hoge&camera=2", "name=hoge&camera=2"),
                row(
                        "binary value",
                        "name=hoge&token=S3CR3T".getBytes(StandardCharsets.UTF_8),
                        "name=hoge&token=***"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theSecretIsGoneAndTheRestIntact(String shape, Object parameter, Object expected) {
        for (boolean binary : new boolean[] {false, true}) {
            byte[] masked =
                    MaskRecords.maskChunk(MASKER, MaskRecords.pack(record(parameter), binary));
            assertThat(new String(masked, StandardCharsets.ISO_8859_1))
                    .as("%s, strings as %s", shape, binary ? "bin" : "str")
                    .doesNotContain("S3CR3T")
                    .doesNotContain("31415926");
            assertThat(text(MaskRecords.read(masked)))
                    .as("%s, strings as %s", shape, binary ? "bin" : "str")
                    .isEqualTo(text(record(expected)));
            assertThat(MaskRecords.maskChunk(MASKER, masked))
                    .as("masking again changes nothing")
                    .isEqualTo(masked);
        }
        Map<String, Object> decoded = MASKER.apply(record(parameter));
        assertThat(text(decoded)).as("the decoded-map path").isEqualTo(text(record(expected)));
    }

    @Test
    void stringsNestedPastTheDepthBoundAreMaskedWholeAndNothingThrows() {
        for (int levels = 0; levels < 40; levels++) {
            byte[] masked =
                    MaskRecords.maskChunk(MASKER, MaskRecords.pack(record(nested(levels)), false));
            String text = new String(masked, StandardCharsets.UTF_8);
            assertThat(text)
                    .as("%d levels", levels)
                    .doesNotContain("S3CR3T")
                    .contains("share-user");
            if (levels < ParamText.MAX_DEPTH - 1) {
                assertThat(text)
                        .as("%d levels: read down to the parameter", levels)
                        .contains("***");
            }
            assertThat(MaskRecords.maskChunk(MASKER, masked))
                    .as("%d levels: masking again changes nothing", levels)
                    .isEqualTo(masked);
        }
    }

    @Test
    void deeplyNestedJsonAndMsgpackAreMaskedWithoutThrowing() throws IOException {
        String deepJson = "[".repeat(100_000) + "{\"token\":\"S3CR3T\"}" + "]".repeat(100_000);
        MessageBufferPacker deepMsgpack = MessagePack.newDefaultBufferPacker();
        deepMsgpack
                .packMapHeader(3)
                .packString("api")
                .packString("/setting")
                .packString("parameter");
        for (int i = 0; i < 100_000; i++) {
            deepMsgpack.packArrayHeader(1);
        }
        deepMsgpack.packString("token=S3CR3T").packString("user").packString("share-user");
        for (byte[] record :
                List.of(MaskRecords.pack(record(deepJson), false), deepMsgpack.toByteArray())) {
            byte[] masked = MaskRecords.maskChunk(MASKER, record);
            assertThat(new String(masked, StandardCharsets.UTF_8))
                    .doesNotContain("S3CR3T")
                    .contains("share-user");
            assertThat(MaskRecords.maskChunk(MASKER, masked)).isEqualTo(masked);
            assertThat(MaskRecords.maskRecord(MASKER, record)).isEqualTo(masked);
        }
    }

    private static Arguments row(String shape, Object parameter, Object expected) {
        return Arguments.of(shape, parameter, expected);
    }

    private static Map<String, Object> record(Object parameter) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("api", "/setting");
        r.put("parameter", parameter);
        r.put("user", "share-user");
        return r;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A query holding JSON holding a query ... {@code levels} strings deep, the secret at the bottom. */
    private static String nested(int levels) {
        String s = "token=S3CR3T";
        for (int i = 0; i < levels; i++) {
            s = i % 2 == 0 ? "{\"q\":" + jsonString(s) + "}" : "x=" + Percent.encode(s);
        }
        return s;
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Binary as the text it holds, so str and bin records compare equal. */
    private static Object text(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), text(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(text(x)));
            return out;
        }
        return v;
    }
}
