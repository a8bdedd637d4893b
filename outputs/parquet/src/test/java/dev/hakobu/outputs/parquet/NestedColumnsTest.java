package dev.hakobu.outputs.parquet;

import static dev.hakobu.outputs.parquet.SchemaObjects.columns;
import static dev.hakobu.outputs.parquet.SchemaObjects.context;
import static dev.hakobu.outputs.parquet.SchemaObjects.query;
import static dev.hakobu.outputs.parquet.SchemaObjects.read;
import static dev.hakobu.outputs.parquet.SchemaObjects.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nested: struct (the default): maps are structs of their members and arrays lists, typed recursively by the
 * widening rules, read back by member with DuckDB; what tells no type (only nulls, only empty arrays) is no
 * column.
 */
class NestedColumnsTest {
    @TempDir Path dir;

    private Path object() throws Exception {
        List<Map<String, Object>> records =
                List.of(
                        record(
                                "req",
                                        record(
                                                "path",
                                                "/a",
                                                "headers",
                                                record("ua", "x"),
                                                "size",
                                                1),
                                "tags", List.of("a", "b"),
                                "mixed", List.of(1, record("k", "v")),
                                "nums", List.of(1, 2.5),
                                "empty", List.of(),
                                "nothing", null),
                        record(
                                "req", record("path", "/b", "size", 2.5, "q", List.of(1, 2)),
                                "tags", List.of(),
                                "mixed", List.of("s"),
                                "nums", Arrays.asList(null, 3)));
        return SchemaObjects.write(
                dir.resolve("o.parquet"),
                context(Map.of(), NestedValues.STRUCT, Optional.empty()),
                records);
    }

    @Test
    void mapsAreStructsArraysAreListsAndMixedElementsAreStrings() throws Exception {
        assertThat(columns(read(object())))
                .containsExactly(
                        "time TIMESTAMP WITH TIME ZONE",
                        "req STRUCT(path VARCHAR, headers STRUCT(ua VARCHAR), size DOUBLE, q BIGINT[])",
                        "tags VARCHAR[]",
                        "mixed VARCHAR[]",
                        "nums DOUBLE[]");
    }

    /**
     * Bytes that are not UTF-8 stay msgpack bin through the forward decoder (what is UTF-8 arrives as str):
     * a cell holds them as base64, as the JSON outputs write them, never as text decoded with replacement
     * characters.
     */
    @Test
    void binaryThatIsNotTextIsBase64AsInTheJsonOutputs() throws Exception {
        byte[] notText = {(byte) 0xff, (byte) 0xfe};
        List<Map<String, Object>> records =
                List.of(record("blob", notText, "nest", record("b", notText), "id", 1));
        Path structs =
                SchemaObjects.write(
                        dir.resolve("s.parquet"),
                        context(Map.of(), NestedValues.STRUCT, Optional.empty()),
                        records);
        Path json =
                SchemaObjects.write(
                        dir.resolve("j.parquet"),
                        context(Map.of(), NestedValues.JSON, Optional.empty()),
                        records);

        assertThat(query("SELECT blob || ' ' || nest.b FROM " + read(structs)))
                .containsExactly("//4= //4=");
        assertThat(query("SELECT blob || ' ' || nest FROM " + read(json)))
                .containsExactly("//4= {\"b\":\"//4=\"}");
    }

    @Test
    void membersAndElementsReadBackByName() throws Exception {
        Path file = object();

        assertThat(
                        query(
                                "SELECT concat_ws(' | ', req.path, coalesce(req.headers.ua, 'NULL'),"
                                        + " req.size, coalesce(req.q::VARCHAR, 'NULL'), tags::VARCHAR,"
                                        + " to_json(mixed)::VARCHAR, nums::VARCHAR) FROM "
                                        + read(file)
                                        + " ORDER BY time"))
                .containsExactly(
                        "/a | x | 1.0 | NULL | [a, b] | [\"1\",\"{\\\"k\\\":\\\"v\\\"}\"] | [1.0, 2.5]",
                        "/b | NULL | 2.5 | [1, 2] | [] | [\"s\"] | [NULL, 3.0]");
    }

    @Test
    void withNestedJsonMapsAndArraysAreTheirJsonText() throws Exception {
        Path file =
                SchemaObjects.write(
                        dir.resolve("j.parquet"),
                        context(Map.of(), NestedValues.JSON, Optional.empty()),
                        List.of(record("req", record("path", "/a"), "tags", List.of("a", 1))));

        assertThat(columns(read(file)))
                .containsExactly("time TIMESTAMP WITH TIME ZONE", "req VARCHAR", "tags VARCHAR");
        assertThat(query("SELECT req || ' ' || tags FROM " + read(file)))
                .containsExactly("{\"path\":\"/a\"} [\"a\",1]");
    }
}
