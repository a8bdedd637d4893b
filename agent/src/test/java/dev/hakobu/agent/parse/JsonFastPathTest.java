package dev.hakobu.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path is held to Jackson's output: every line, valid or not, must give the same record bytes and
 * event time with the fast path as with Jackson alone. Lines the fast path declines prove nothing by
 * themselves, so the test also checks that the common shapes are in fact taken by it.
 */
class JsonFastPathTest {
    private static final long ARRIVAL = 1_600_000_000_000_000_000L;
    private static final String[] CURATED = {
        "{\"timestamp\": \"2020-08-14T11:33:49+09:00\", \"camera_id\": \"camera1786\", \"api\": \"/stream/start\"}",
        "{}",
        " { } ",
        "\t{\"a\":1}\r",
        "{ \"a\" : 1 , \"b\" : 2 }",
        "{\"n\":0}",
        "{\"n\":-0}",
        "{\"n\":123}",
        "{\"n\":-5}",
        "{\"n\":1.5}",
        "{\"n\":1e10}",
        "{\"n\":1E-3}",
        "{\"n\":-0.0}",
        "{\"n\":2.5e+3}",
        "{\"n\":123456789012345678}",
        "{\"n\":-123456789012345678}",
        "{\"n\":1234567890123456789}",
        "{\"n\":12345678901234567890123}",
        "{\"n\":9223372036854775807}",
        "{\"n\":0.1000000000000000055511151231257827021181583404541015625}",
        "{\"n\":1e400}",
        "{\"n\":4.9e-325}",
        "{\"t\":true,\"f\":false,\"z\":null}",
        "{\"o\":{\"x\":1}}",
        "{\"a\":[1,2]}",
        "{\"a\":\"x\\\"y\"}",
        "{\"a\\u0041\":1}",
        "{\"a\":\"\\u00e9\"}",
        "{\"msg\":\"日本語のログ\"}",
        "{\"名前\":\"値\"}",
        "{\"e\":\"😀 ok\"}",
        "{\"e\":\"\u007f\"}",
        "{\"a\":1,}",
        "{\"a\":1} x",
        "{\"a\":1}}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":tru}",
        "{\"a\":nulls}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":-}",
        "{\"a\":+1}",
        "{\"a\":1e}",
        "{\"a\":NaN}",
        "{a:1}",
        "{'a':1}",
        "[1]",
        "\"x\"",
        "",
        "   ",
        "not json",
        "{\"unterminated\":",
        "{\"a\":\"tab\there\"}",
        "\ufeff{\"a\":1}",
        "{\"a\":1}\t",
        "{\"a\":truex}",
        "{\"timestamp\":1597371753}",
        "{\"timestamp\":1597371753.25}",
        "{\"timestamp\":\"bad\"}",
        "{\"timestamp\":null}",
        "{\"timestamp\":true}",
        "{\"timestamp\":\"2020-08-14T11:33:49Z\",\"timestamp\":\"junk\"}",
        "{\"timestamp\":\"junk\",\"timestamp\":1597371753}",
        "{\"timestamp\":{\"s\":1}}",
        "{\"status\":\"200\",\"size\":\"-\",\"latency\":null,\"other\":\"x\"}",
        "{\"status\":\"abc\"}",
    };
    private static final byte[][] RAW = {
        bytes("{\"a\":\"", 0xc0, 0x80, "\"}"), bytes("{\"a\":\"", 0xed, 0xa0, 0x80, "\"}"),
                bytes("{\"a\":\"", 0x80, "\"}"),
        bytes("{\"a\":\"", 0xe3, 0x81, "\"}"), bytes("{\"a\":\"", 0xf4, 0x90, 0x80, 0x80, "\"}"),
                bytes("{\"a\":\"", 0xff, "\"}"),
        bytes("{\"a\":\"", 0xf0, 0x9f, 0x98, 0x80, "\"}"), bytes("{\"a\":\"x", 0x00, "\"}"),
                bytes("{", 0x00, "\"", 0x00, "}"),
        bytes("{\"a\":\"", 0xe0, 0x9f, 0x80, "\"}"), bytes("{\"", 0xc3, 0xa9, "\":1}"),
                bytes("{\"a\":\"", 0xc3),
    };

    @Test
    void curatedLinesGiveJacksonsRecordsWhetherTakenOrDeclined() {
        for (Config config : Config.values()) {
            for (String line : CURATED) {
                assertSame(config, line.getBytes(StandardCharsets.UTF_8));
            }
            for (byte[] line : RAW) {
                assertSame(config, line);
            }
        }
    }

    @Test
    void randomFlatObjectsAndMutationsOfThemGiveJacksonsRecords() {
        SplittableRandom random = new SplittableRandom(2026);
        for (Config config : Config.values()) {
            for (int n = 0; n < 20_000; n++) {
                byte[] line = randomObject(random).getBytes(StandardCharsets.UTF_8);
                assertSame(config, line);
                assertSame(config, mutate(line, random));
            }
        }
    }

    @Test
    void theCommonShapesTakeTheFastPath() {
        JsonFastPath fast =
                new JsonFastPath(
                        TimeField.of(Optional.of("timestamp"), "iso8601", ZoneId.of("UTC")),
                        new FieldTypes(Map.of(), List.of("-", ""), "iso8601", ZoneId.of("UTC")));
        RecordBuilder out = new RecordBuilder();
        for (String line :
                List.of(
                        CURATED[0],
                        "{}",
                        "{\"n\":-1.5e3,\"t\":true,\"z\":null,\"msg\":\"日本語\"}",
                        "{\"timestamp\":\"bad\"}",
                        "{\"timestamp\":1597371753}")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertThat(fast.parse(b, 0, b.length, ARRIVAL, out)).as(line).isTrue();
        }
    }

    /** The parser configurations compared: untyped with an ISO time field, epoch time, and typed fields. */
    private enum Config {
        ISO("timestamp", "iso8601", Map.of()),
        EPOCH("timestamp", "epoch", Map.of()),
        TYPED(
                "timestamp",
                "iso8601",
                Map.of(
                        "status",
                        FieldTypeConfig.of(FieldKind.INTEGER, null),
                        "size",
                        FieldTypeConfig.of(FieldKind.INTEGER, "-1"),
                        "latency",
                        FieldTypeConfig.of(FieldKind.FLOAT, "-1.0")));

        final String timeKey;
        final String timeFormat;
        final Map<String, FieldTypeConfig> types;

        Config(String timeKey, String timeFormat, Map<String, FieldTypeConfig> types) {
            this.timeKey = timeKey;
            this.timeFormat = timeFormat;
            this.types = types;
        }

        JsonLineParser parser(boolean fastPath) {
            ZoneId zone = ZoneId.of("Asia/Tokyo");
            return new JsonLineParser(
                    TimeField.of(Optional.of(timeKey), timeFormat, zone),
                    new FieldTypes(types, List.of("-", ""), timeFormat, zone),
                    ParseErrorMode.KEEP,
                    fastPath);
        }
    }

    private final Map<Config, JsonLineParser[]> parsers = new java.util.EnumMap<>(Config.class);
    private final RecordBuilder fastOut = new RecordBuilder();
    private final RecordBuilder jacksonOut = new RecordBuilder();

    private void assertSame(Config config, byte[] line) {
        JsonLineParser[] p =
                parsers.computeIfAbsent(
                        config, c -> new JsonLineParser[] {c.parser(true), c.parser(false)});
        p[0].parse(line, 0, line.length, ARRIVAL, fastOut);
        p[1].parse(line, 0, line.length, ARRIVAL, jacksonOut);
        String what =
                config
                        + " "
                        + HexFormat.of().formatHex(line)
                        + " ("
                        + new String(line, StandardCharsets.UTF_8)
                        + ")";
        assertThat(record(fastOut)).as(what).isEqualTo(record(jacksonOut));
        assertThat(fastOut.eventNanos()).as(what).isEqualTo(jacksonOut.eventNanos());
    }

    private static String record(RecordBuilder r) {
        return HexFormat.of().formatHex(Arrays.copyOfRange(r.array(), r.start(), r.end()));
    }

    private static String randomObject(SplittableRandom random) {
        String[] names = {"timestamp", "status", "size", "latency", "msg", "user", "名前", "a", "ua"};
        String[] strings = {
            "2020-08-14T11:33:49+09:00",
            "2020-08-14T02:33:49.123Z",
            "200",
            "-",
            "",
            "abc",
            "日本語",
            "😀",
            "x y",
            "/stream/start",
            "1.5",
            "true"
        };
        StringBuilder sb = new StringBuilder(random.nextInt(4) == 0 ? " {" : "{");
        int fields = random.nextInt(8);
        for (int i = 0; i < fields; i++) {
            sb.append(i == 0 ? "" : random.nextInt(3) == 0 ? " , " : ",");
            sb.append('"')
                    .append(names[random.nextInt(names.length)])
                    .append('"')
                    .append(random.nextBoolean() ? ":" : ": ");
            switch (random.nextInt(8)) {
                case 0, 1, 2 ->
                        sb.append('"').append(strings[random.nextInt(strings.length)]).append('"');
                case 3 ->
                        sb.append(
                                random.nextLong(
                                        -1L << random.nextInt(63), 1L << random.nextInt(63)));
                case 4 ->
                        sb.append(
                                random.nextDouble()
                                        * Math.pow(10, random.nextInt(-8, 12))
                                        * (random.nextBoolean() ? 1 : -1));
                case 5 -> sb.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
                case 6 -> sb.append(1597371753L + random.nextInt(100_000));
                default ->
                        sb.append(random.nextInt(4) == 0 ? "{\"x\":[1,\"y\"]}" : "\"esc\\\"aped\"");
            }
        }
        return sb.append(random.nextInt(4) == 0 ? "} " : "}").toString();
    }

    /** One to three random byte edits: JSON's structural bytes, quotes, digits, and invalid or partial UTF-8. */
    private static byte[] mutate(byte[] line, SplittableRandom random) {
        byte[] alphabet = "{}[]\":,.-+eE0123456789 \t\\tnfu".getBytes(StandardCharsets.US_ASCII);
        List<Byte> b = new ArrayList<>();
        for (byte x : line) {
            b.add(x);
        }
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = b.isEmpty() ? 0 : random.nextInt(b.size());
            byte x =
                    random.nextInt(5) == 0
                            ? (byte) random.nextInt(256)
                            : alphabet[random.nextInt(alphabet.length)];
            switch (random.nextInt(3)) {
                case 0 -> b.add(at, x);
                case 1 -> {
                    if (!b.isEmpty()) {
                        b.remove(at);
                    }
                }
                default -> {
                    if (!b.isEmpty()) {
                        b.set(at, x);
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }
}
