package dev.hakobu.outputs.parquet;

import static dev.hakobu.outputs.parquet.SchemaObjects.columns;
import static dev.hakobu.outputs.parquet.SchemaObjects.context;
import static dev.hakobu.outputs.parquet.SchemaObjects.query;
import static dev.hakobu.outputs.parquet.SchemaObjects.read;
import static dev.hakobu.outputs.parquet.SchemaObjects.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.encoding.ColumnarOptions.DeclaredType;
import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import dev.hakobu.outputs.file.FileOutputConfig;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared types: their columns come first with their types, even when no record has them; a value that
 * does not fit is null in its column, its original in {@code _raw} and the reason in {@code _type_error},
 * after what the record had there.
 */
class DeclaredColumnsTest {
    @TempDir Path dir;

    private static Map<String, DeclaredType> types() {
        Map<String, DeclaredType> types = new LinkedHashMap<>();
        types.put("status", DeclaredType.BIGINT);
        types.put("latency", DeclaredType.DOUBLE);
        types.put("ok", DeclaredType.BOOLEAN);
        types.put("at", DeclaredType.TIMESTAMP);
        types.put("camera_id", DeclaredType.STRING);
        types.put("extra", DeclaredType.JSON);
        types.put("missing", DeclaredType.BIGINT);
        return types;
    }

    private Path object() throws Exception {
        List<Map<String, Object>> records =
                List.of(
                        record(
                                "other",
                                "x",
                                "status",
                                200,
                                "latency",
                                1,
                                "ok",
                                "true",
                                "at",
                                "2020-08-14T11:22:33.5+09:00",
                                "camera_id",
                                7,
                                "extra",
                                Map.of("a", 1)),
                        record(
                                "status",
                                "abc",
                                "latency",
                                "fast",
                                "ok",
                                1,
                                "at",
                                1597371753,
                                "camera_id",
                                Map.of("x", 1),
                                "extra",
                                "s",
                                "_raw",
                                Map.of("line", "orig"),
                                "_type_error",
                                "parser: bad"),
                        record(
                                "status",
                                new BigInteger("12345678901234567890"),
                                "latency",
                                "2.5",
                                "ok",
                                false,
                                "at",
                                1597371753123L,
                                "camera_id",
                                "c",
                                "extra",
                                List.of(1, "two")));
        return SchemaObjects.write(
                dir.resolve("o.parquet"),
                context(types(), NestedValues.STRUCT, Optional.empty()),
                records);
    }

    @Test
    void declaredColumnsComeFirstWithTheirTypesThenRawAndTypeErrorThenObservedOnes()
            throws Exception {
        assertThat(columns(read(object())))
                .containsExactly(
                        "time TIMESTAMP WITH TIME ZONE",
                        "status BIGINT",
                        "latency DOUBLE",
                        "ok BOOLEAN",
                        "at TIMESTAMP WITH TIME ZONE",
                        "camera_id VARCHAR",
                        "extra VARCHAR",
                        "missing BIGINT",
                        "_raw MAP(VARCHAR, VARCHAR)",
                        "_type_error VARCHAR",
                        "other VARCHAR");
    }

    @Test
    void valuesThatFitAreConvertedAndMisfitsAreNullWithTheirOriginalAndReason() throws Exception {
        Path file = object();

        assertThat(
                        query(
                                "SELECT concat_ws(' | ', coalesce(status::VARCHAR, 'NULL'),"
                                        + " coalesce(latency::VARCHAR, 'NULL'), coalesce(ok::VARCHAR, 'NULL'),"
                                        + " coalesce(\"at\"::VARCHAR, 'NULL'), coalesce(camera_id, 'NULL'),"
                                        + " coalesce(extra, 'NULL'), coalesce(missing::VARCHAR, 'NULL'))"
                                        + " FROM "
                                        + read(file)
                                        + " ORDER BY time"))
                .containsExactly(
                        "200 | 1.0 | true | 2020-08-14 02:22:33.5+00 | 7 | {\"a\":1} | NULL",
                        "NULL | NULL | NULL | 2020-08-14 02:22:33+00 | NULL | \"s\" | NULL",
                        "NULL | 2.5 | false | 2020-08-14 02:22:33.123+00 | c | [1,\"two\"] | NULL");
        assertThat(
                        query(
                                "SELECT coalesce(to_json(_raw)::VARCHAR, 'NULL') || ' / ' ||"
                                        + " coalesce(_type_error, 'NULL') FROM "
                                        + read(file)
                                        + " ORDER BY time"))
                .containsExactly(
                        "NULL / NULL",
                        "{\"line\":\"orig\",\"status\":\"abc\",\"latency\":\"fast\",\"ok\":\"1\","
                                + "\"camera_id\":\"{\\\"x\\\":1}\"} / parser: bad; status: cannot read"
                                + " 'abc' as bigint; latency: cannot read 'fast' as double; ok: cannot"
                                + " read '1' as boolean; camera_id: cannot read '{\"x\":1}' as string",
                        "{\"status\":\"12345678901234567890\"} / status: cannot read"
                                + " '12345678901234567890' as bigint");
    }

    @Test
    void declaringTheMisfitColumnsThemselvesIsAConfigError() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.fromClasspath()
                                        .load(
                                                "file.yaml",
                                                "root: "
                                                        + dir
                                                        + "\nformat: parquet\nparquet:\n  types: {_raw: string}\n",
                                                FileOutputConfig.class))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> {
                            assertThat(e.errors().get(0).path()).isEqualTo("parquet.types");
                            assertThat(e.errors().get(0).message())
                                    .isEqualTo(
                                            "_raw and _type_error hold the values that do not fit;"
                                                    + " declare other fields");
                        });
    }
}
