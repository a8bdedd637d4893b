package dev.hakobu.outputs.parquet;

import static dev.hakobu.outputs.parquet.SchemaObjects.columns;
import static dev.hakobu.outputs.parquet.SchemaObjects.context;
import static dev.hakobu.outputs.parquet.SchemaObjects.query;
import static dev.hakobu.outputs.parquet.SchemaObjects.read;
import static dev.hakobu.outputs.parquet.SchemaObjects.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import dev.hakobu.outputs.schema.TypeWidening;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys that carry data (an id as a key, or an attacker's unique keys) do not make a column each: past
 * {@link ChunkSchema#MAX_COLUMNS} top-level columns the values go to {@code _raw}, and a struct past
 * {@link TypeWidening#MAX_STRUCT_MEMBERS} members becomes a string of JSON; nothing is lost.
 */
class ColumnLimitsTest {
    @TempDir Path dir;

    @Test
    void fieldsPastTheColumnLimitAreKeptInRawWithTheReason() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", (long) r);
            for (int k = 0; k < 10; k++) {
                record.put("k" + r + "_" + k, (long) k);
            }
            records.add(record);
        }
        Path file =
                SchemaObjects.write(
                        dir.resolve("o.parquet"),
                        context(Map.of(), NestedValues.STRUCT, Optional.empty()),
                        records);

        List<String> columns = columns(read(file));
        // the event time, id, 999 of the keys, then _raw and _type_error
        assertThat(columns).hasSize(1 + ChunkSchema.MAX_COLUMNS + 2);
        assertThat(columns)
                .contains("k0_0 BIGINT", "_raw MAP(VARCHAR, VARCHAR)", "_type_error VARCHAR");
        assertThat(query("SELECT count(*) FROM " + read(file))).containsExactly("300");
        assertThat(query("SELECT k0_0 FROM " + read(file) + " WHERE id = 0")).containsExactly("0");
        // record 299's keys all came after the first 1,000 columns
        assertThat(
                        query(
                                "SELECT _raw['k299_0'] || ' ' || _raw['k299_9'] || ' ' || cardinality(_raw) FROM "
                                        + read(file)
                                        + " WHERE id = 299"))
                .containsExactly("0 9 10");
        assertThat(query("SELECT _type_error FROM " + read(file) + " WHERE id = 299"))
                .singleElement()
                .asString()
                .startsWith("k299_0: past 1000 columns in this object, kept in _raw; k299_1: past");
        // every value is somewhere: in its column or in _raw
        assertThat(query("SELECT sum(coalesce(cardinality(_raw), 0)) FROM " + read(file)))
                .containsExactly(String.valueOf(300 * 10 - (ChunkSchema.MAX_COLUMNS - 1)));
    }

    @Test
    void aMapWhoseKeysAreDataBecomesAStringOfJsonPastTheMemberLimit() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int r = 0; r <= TypeWidening.MAX_STRUCT_MEMBERS; r++) {
            records.add(record("id", (long) r, "counts", record("user" + r, (long) r)));
        }
        Path file =
                SchemaObjects.write(
                        dir.resolve("m.parquet"),
                        context(Map.of(), NestedValues.STRUCT, Optional.empty()),
                        records);

        assertThat(columns(read(file))).contains("counts VARCHAR");
        assertThat(query("SELECT counts FROM " + read(file) + " WHERE id = 7"))
                .containsExactly("{\"user7\":7}");
    }
}
