package dev.hakobu.outputs.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNamesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "logs/app.api/dt=2020-08-14/n1-c1.json.gz",
                "history/shop/dt=2020-08-14/x.json",
                "アプリ/dt=2020-08-14/n1.json",
                "a b/c:d/e.json",
                "..x/x../.x"
            })
    void keysOutputsWriteEveryDayPass(String key) {
        assertThat(SafeNames.keyProblem(key)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/abs/key",
                "logs//x",
                "logs/x/",
                "logs/../other-bucket/x",
                "logs/./x",
                "..",
                "logs/a\u0000b",
                "logs/a\nb",
                "logs/a\tb",
                "logs/a\u007fb",
                "logs/a\u0085b",
                "logs\\..\\x"
            })
    void keysThatEscapeAPrefixOrCannotBeAFileAreRefused(String key) {
        assertThat(SafeNames.keyProblem(key)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 300})
    void aSegmentLongerThanAFileNameIsRefused(int length) {
        assertThat(SafeNames.keyProblem("logs/" + "x".repeat(length) + "/a.json"))
                .contains("255 bytes");
        assertThat(SafeNames.keyProblem("logs/" + "x".repeat(255) + "/a.json")).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1025, 5000})
    void aKeyLongerThanS3AllowsIsRefused(int length) {
        StringBuilder key = new StringBuilder();
        while (key.length() < length) {
            key.append("segment/");
        }
        assertThat(SafeNames.keyProblem(key.substring(0, length - 1) + "x")).contains("1024 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs-app.api-2020.08.14", "s2-locks-2020.08.14", ".hidden-is-allowed"})
    void indexNamesKibanaUsesPass(String index) {
        assertThat(SafeNames.indexProblem(index)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ".",
                "..",
                "-x",
                "_x",
                "+x",
                "Upper",
                "a b",
                "a/b",
                "a*b",
                "a?b",
                "a\"b",
                "a<b",
                "a|b",
                "a,b",
                "a#b",
                "a\\b",
                "a\u0000b"
            })
    void indexNamesOpenSearchRefusesAreRefusedBeforeTheRequest(String index) {
        assertThat(SafeNames.indexProblem(index)).isNotNull();
    }
}
