package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ColumnarOptions;
import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.encoding.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/** Writes Parquet objects through the encoding and reads them back: footers with parquet-java, rows with DuckDB. */
final class ParquetObjects {
    /** 2020-08-14T02:22:33Z; each record one millisecond after the one before. */
    static final long T0 = 1_597_371_753_000_000_000L;

    static final EventTimeField TIME =
            new EventTimeField("time", EventTimeFormat.ISO8601, ZoneOffset.UTC, false);

    private ParquetObjects() {}

    /** One object of {@code records} at {@code file}, compressed with {@code compression}. */
    static Path write(
            Path file,
            String compression,
            ColumnarOptions options,
            List<Map<String, Object>> records)
            throws IOException {
        EncodingContext context =
                new EncodingContext(Optional.of(TIME), compression, 0, Optional.empty(), options);
        return write(file, context, records, 1_000_000L);
    }

    /** One object of {@code records}, from T0 on, {@code stepNanos} apart, written with {@code context}. */
    static Path write(
            Path file, EncodingContext context, List<Map<String, Object>> records, long stepNanos)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                RecordWriter writer = new ParquetEncoding().open(out, context)) {
            long t = T0;
            for (Map<String, Object> record : records) {
                byte[] bytes = S1Records.pack(record);
                writer.write(t, bytes, 0, bytes.length);
                t += stepNanos;
            }
        }
        return file;
    }

    static ParquetFileReader open(Path file) throws IOException {
        // PlainParquetConfiguration: the default options build Hadoop's Configuration, which is not
        // here.
        // Footers, indexes and bloom filters need no codec; pages are left to DuckDB.
        return ParquetFileReader.open(
                new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration())
                        .withCodecFactory(new PlainCodecs(0))
                        .build());
    }

    /** The chunk of {@code column} in row group {@code rowGroup}. */
    static ColumnChunkMetaData chunk(ParquetFileReader reader, int rowGroup, String column) {
        return reader.getRowGroups().get(rowGroup).getColumns().stream()
                .filter(c -> c.getPath().toDotString().equals(column))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no column " + column));
    }

    /** The first column of each row of {@code sql}, run by DuckDB. */
    static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    /** Options as the defaults with these sizes. */
    static ColumnarOptions sizes(
            long rowGroupBytes, int pageBytes, int pageRows, boolean dictionary) {
        ColumnarOptions d = ColumnarOptions.defaults();
        return new ColumnarOptions(
                d.types(),
                d.nested(),
                d.sortBy(),
                rowGroupBytes,
                pageBytes,
                pageRows,
                dictionary,
                d.bloomFilterColumns(),
                d.schemaFile());
    }

    /** The defaults with rows sorted by {@code sortBy} and bloom filters on {@code bloom}. */
    static ColumnarOptions sortAndBloom(List<String> sortBy, List<String> bloom, int pageRows) {
        ColumnarOptions d = ColumnarOptions.defaults();
        return new ColumnarOptions(
                d.types(),
                d.nested(),
                sortBy,
                d.rowGroupBytes(),
                d.pageBytes(),
                pageRows,
                d.dictionary(),
                bloom,
                d.schemaFile());
    }
}
