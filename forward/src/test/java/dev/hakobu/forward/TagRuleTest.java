package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagRuleTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "app",
                "app.api",
                "tail.0",
                "kube.var.log.containers.web-1_ns_app-0123.log",
                "fd.アプリ",
                "app.with space",
                "a.b:c"
            })
    void tagsThatPeersGenerateAreAccepted(String tag) {
        assertThat(TagRule.problem(tag)).isNull();
        assertThat(
                        TagRule.problem(
                                tag
                                        + "."
                                        + "x"
                                                .repeat(
                                                        254
                                                                - tag.getBytes(
                                                                                StandardCharsets
                                                                                        .UTF_8)
                                                                        .length)))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ".app",
                "app.",
                "app..api",
                "..",
                ".",
                "z/../mask.secret",
                "a/b",
                "a\\b",
                "app\napi",
                "app\tapi",
                "app\u0000",
                "app\u001b[31m",
                "app\u007f",
                "app\u0085",
                "app\u2028",
                "app\u202e.gpj",
                "app\u200b",
                "bad\ufffdutf8"
            })
    void tagsThatCouldReachAPathKeyOrLogLineAsSomethingElseAreRefused(String tag) {
        assertThat(TagRule.problem(tag)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 1000, 100_000})
    void tagsLongerThanAFileNameAreRefused(int length) {
        assertThat(TagRule.problem("a".repeat(length))).contains("255 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {86, 128})
    void theLimitCountsUtf8Bytes(int characters) {
        // each of these characters is three UTF-8 bytes: 85 of them fit, 86 do not
        assertThat(TagRule.problem("あ".repeat(characters))).contains("255 bytes");
        assertThat(TagRule.problem("あ".repeat(85))).isNull();
    }
}
