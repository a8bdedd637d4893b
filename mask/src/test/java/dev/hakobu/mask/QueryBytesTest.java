package dev.hakobu.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.event.GrowableOutput;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** The byte path takes only what it reads exactly as the full path; everything else it hands back. */
class QueryBytesTest {
    private static final String[] PIECES = {
        "name",
        "token",
        "TOKEN",
        "Token",
        "key",
        "=",
        "=",
        "&",
        "&",
        "hoge",
        "abc123",
        "%E6%97%A5",
        "日本",
        "é",
        "",
        "x".repeat(40),
        ";",
        "?",
        "#",
        " ",
        "+",
        "[]",
        "%74",
        "{\"token\":1}",
        "'",
        "\u00a0"
    };

    @Test
    void masksExactlyAsTheFullPathForEveryActionOnRandomQueries() throws IOException {
        SplittableRandom random = new SplittableRandom(2020_08_14);
        QueryBytes bytes = new QueryBytes();
        int onBytes = 0;
        for (MaskAction action : MaskAction.values()) {
            ValueTransform transform = new ValueTransform(rule(action));
            ParamText full = new ParamText(new ParamNames(List.of("token", "key")), transform);
            for (int i = 0; i < 4_000; i++) {
                String query = query(random);
                byte[] packed = packed(query);
                GrowableOutput out = new GrowableOutput(16);
                int result = bytes.mask(packed, 0, packed.length, full.names(), transform, out);
                String expected = full.maskText(query, 0);
                if (result == QueryBytes.DECODE) {
                    assertThat(out.size()).isZero();
                    assertThat(query)
                            .as(
                                    "only special bytes, non-ASCII names or a nested mention leave the byte path")
                            .containsPattern(
                                    "(?i)[%+;?#\\[\\\\\"'{\\s\\x00-\\x1f\\x7f]|[^\\x00-\\x7f]|token|key");
                    continue;
                }
                onBytes++;
                if (result == QueryBytes.UNCHANGED) {
                    assertThat(out.size()).isZero();
                    assertThat(expected).as("%s on '%s'", action, query).isSameAs(query);
                    continue;
                }
                try (MessageUnpacker u =
                        MessagePack.newDefaultUnpacker(out.array(), 0, out.size())) {
                    assertThat(u.unpackString())
                            .as("%s on '%s'", action, query)
                            .isEqualTo(expected);
                    assertThat(u.hasNext()).isFalse();
                }
            }
        }
        assertThat(onBytes).as("the byte path is taken, not only offered").isGreaterThan(1_500);
    }

    @Test
    void leavesValuesThatAreNotStringsToTheDecodingPath() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packInt(42);
        byte[] packed = p.toByteArray();
        GrowableOutput out = new GrowableOutput(16);
        assertThat(
                        new QueryBytes()
                                .mask(
                                        packed,
                                        0,
                                        packed.length,
                                        new ParamNames(List.of("token")),
                                        new ValueTransform(rule(MaskAction.REDACT)),
                                        out))
                .isEqualTo(QueryBytes.DECODE);
        assertThat(out.size()).isZero();
    }

    @Test
    void theStoryS1ShapeStaysOnTheBytePath() throws IOException {
        byte[] packed = packed("name=hoge&token=abc123");
        GrowableOutput out = new GrowableOutput(16);
        assertThat(
                        new QueryBytes()
                                .mask(
                                        packed,
                                        0,
                                        packed.length,
                                        new ParamNames(List.of("token")),
                                        new ValueTransform(rule(MaskAction.REDACT)),
                                        out))
                .isEqualTo(QueryBytes.WRITTEN);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(out.array(), 0, out.size())) {
            assertThat(u.unpackString()).isEqualTo("name=hoge&token=***");
        }
    }

    private static byte[] packed(String s) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packString(s);
        return p.toByteArray();
    }

    private static MaskRuleConfig rule(MaskAction action) {
        return new MaskRuleConfig(
                Optional.of("parameter"),
                List.of("token", "key"),
                Optional.empty(),
                action,
                "***",
                4,
                Optional.of("k3y"));
    }

    private static String query(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(1, 10);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
