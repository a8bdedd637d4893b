package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ColumnarOptions;
import dev.hakobu.encoding.ColumnarOptions.DeclaredType;
import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.EventTimeFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes Parquet objects through the encoding and reads them back with DuckDB, for the schema tests. */
final class SchemaObjects {
    static final long T0 = 1_597_371_753_000_000_000L; // 2020-08-14T02:22:33Z

    private SchemaObjects() {}

    /** An event time column {@code time}, zstd, the given declared types and nesting, and registry file. */
    static EncodingContext context(
            Map<String, DeclaredType> types, NestedValues nested, Optional<Path> schemaFile) {
        ColumnarOptions d = ColumnarOptions.defaults();
        return new EncodingContext(
                Optional.of(
                        new EventTimeField("time", EventTimeFormat.ISO8601, ZoneOffset.UTC, false)),
                "zstd",
                0,
                Optional.empty(),
                new ColumnarOptions(
                        types,
                        nested,
                        List.of(),
                        d.rowGroupBytes(),
                        d.pageBytes(),
                        d.pageRows(),
                        true,
                        List.of(),
                        schemaFile));
    }

    /** One object of {@code records} (one second apart from T0) at {@code file}. */
    static Path write(Path file, EncodingContext context, List<Map<String, Object>> records)
            throws IOException {
        return ParquetObjects.write(file, context, records, 1_000_000_000L);
    }

    static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            record.put((String) keyValues[i], keyValues[i + 1]);
        }
        return record;
    }

    static String read(Path file) {
        return "read_parquet('" + file + "', hive_partitioning = false)";
    }

    /** "name TYPE" of each column DuckDB sees in {@code from}. */
    static List<String> columns(String from) throws SQLException {
        return query(
                "SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM "
                        + from
                        + ")");
    }

    /** The first column of each row, as text (NULL for null), in UTC. */
    static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String v : ParquetObjects.query(sql)) {
            rows.add(v == null ? "NULL" : v);
        }
        return rows;
    }
}
