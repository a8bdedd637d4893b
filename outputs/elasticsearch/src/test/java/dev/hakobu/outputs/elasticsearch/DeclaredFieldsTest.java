package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredFieldsTest {
    private static final DeclaredFields S2 =
            new DeclaredFields(AbstractSearchOutputTest.storyS2Types());

    private static String fit(DeclaredFields d, String json) {
        byte[] in = (json + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = d.fit(in);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void aDocumentThatFitsIsReturnedAsItIsTheSameArray() {
        byte[] in =
                "{\"time\":\"2020-08-14T11:22:33.123+09:00\",\"size\":1532,\"status\":\"200\",\"reqtime\":0.012,\"host\":\"a\",\"ua\":{\"x\":1}}\n"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(S2.fit(in)).isSameAs(in);
        byte[] alsoFits =
                "{\"time\":1597371753000,\"size\":[1,2],\"reqtime\":\"1e-3\",\"host\":7,\"status\":null}\n"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(S2.fit(alsoFits)).isSameAs(alsoFits);
    }

    @Test
    void aValueThatDoesNotFitBecomesNullAsWithTheOriginalInRawAndTheReasonInTypeError() {
        assertThat(fit(S2, "{\"time\":\"bogus\",\"size\":\"12kb\",\"reqtime\":0.5,\"host\":\"h\"}"))
                .isEqualTo(
                        "{\"time\":null,\"size\":-1,\"reqtime\":0.5,\"host\":\"h\","
                                + "\"_raw\":{\"time\":\"bogus\",\"size\":\"12kb\"},"
                                + "\"_type_error\":\"time: cannot read 'bogus' as time; size: cannot read '12kb' as integer\"}\n");
    }

    @Test
    void numbersAndStructuresThatDoNotFitAreKeptAsText() {
        assertThat(
                        fit(
                                S2,
                                "{\"status\":12.5,\"reqtime\":{\"a\":[1]},\"size\":[1,\"x\"],\"host\":{\"n\":1}}"))
                .isEqualTo(
                        "{\"status\":null,\"reqtime\":-1.0,\"size\":-1,\"host\":null,"
                                + "\"_raw\":{\"status\":\"12.5\",\"reqtime\":\"{\\\"a\\\":[1]}\",\"size\":\"[1,\\\"x\\\"]\",\"host\":\"{\\\"n\\\":1}\"},"
                                + "\"_type_error\":\"status: cannot read '12.5' as integer; reqtime: cannot read '{\\\"a\\\":[1]}' as float; "
                                + "size: cannot read '[1,\\\"x\\\"]' as integer; host: cannot read '{\\\"n\\\":1}' as string\"}\n");
    }

    @Test
    void whatTheRecordHasInRawAndTypeErrorIsKeptAndOursAdded() {
        assertThat(
                        fit(
                                S2,
                                "{\"_raw\":{\"size\":\"12kb\"},\"status\":\"abc\",\"size\":-1,"
                                        + "\"_type_error\":\"size: cannot read '12kb' as integer\"}"))
                .isEqualTo(
                        "{\"status\":null,\"size\":-1,\"_raw\":{\"size\":\"12kb\",\"status\":\"abc\"},"
                                + "\"_type_error\":\"size: cannot read '12kb' as integer; status: cannot read 'abc' as integer\"}\n");
    }

    @Test
    void timesFitOnlyAsTheServersStrictIsoFormatReadsThem() {
        Map<String, IndexFieldType> t = new LinkedHashMap<>();
        t.put("t", IndexFieldType.of(IndexFieldKind.TIME, null));
        DeclaredFields d = new DeclaredFields(t);
        for (String ok :
                new String[] {
                    "2020-08-14",
                    "2020-08-14T11:22:33",
                    "2020-08-14T11:22:33Z",
                    "2020-08-14T11:22:33.123456789+09:00"
                }) {
            assertThat(fit(d, "{\"t\":\"" + ok + "\"}"))
                    .as(ok)
                    .isEqualTo("{\"t\":\"" + ok + "\"}\n");
        }
        for (String bad :
                new String[] {
                    "14/Aug/2020:11:22:33 +0900", "2020-02-30", "2020-08-14 11:22:33", "bogus", ""
                }) {
            assertThat(fit(d, "{\"t\":\"" + bad + "\"}")).as(bad).startsWith("{\"t\":null,");
        }
    }

    @Test
    void theIndexPatternHasAStarForEachPlaceholder() {
        assertThat(IndexTemplate.pattern("lock-access-%Y.%m.%d")).isEqualTo("lock-access-*.*.*");
        assertThat(IndexTemplate.pattern("Logs-${tag}-%Y%m%d")).isEqualTo("logs-*-*");
        assertThat(IndexTemplate.pattern("logs-lock-default")).isEqualTo("logs-lock-default");
        assertThat(IndexTemplate.pattern("100%%-%H")).isEqualTo("100%-*");
    }
}
