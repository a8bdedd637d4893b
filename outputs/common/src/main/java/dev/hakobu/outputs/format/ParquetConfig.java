package dev.hakobu.outputs.format;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.encoding.ColumnarOptions;
import dev.hakobu.encoding.ColumnarOptions.DeclaredType;
import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Doc(
        "Columns, row order and sizes of format: parquet objects (the file and S3 outputs); only with format: parquet.")
public record ParquetConfig(
        @Doc(
                        "Declared column types by field: string, bigint, double, boolean, timestamp or json (the value's JSON text); they come before what the logs show.")
                Map<String, DeclaredType> types,
        @Doc(
                        "struct (maps as structs, arrays as lists) or json (their JSON text in a string column).")
                @Default("struct")
                NestedValues nested,
        @Doc(
                        "Fields each object's rows are sorted by, in order, then the event time; lets readers skip pages and row groups for equality and range predicates.")
                List<String> sortBy,
        @Doc(
                        "Target size of a row group (its compressed pages and the pages being filled); at the default an object of one buffer chunk is one row group. 128KiB lets readers that use only row-group statistics (DuckDB) skip most of an object for a sort_by predicate too, at about 1.5x the writer's CPU.")
                @Default("128MiB")
                DataSize rowGroupSize,
        @Doc("Target size of a page; at most row_group_size.") @Default("1MiB") DataSize pageSize,
        @Doc(
                        "Most rows in one page, so page statistics stay selective: with sort_by, a point query reads a few pages of an object.")
                @Default("1000")
                int pageRows,
        @Doc("Dictionary encoding of columns.") @Default("true") boolean dictionary,
        @Doc("Columns that get a bloom filter, for equality predicates on high-cardinality values.")
                List<String> bloomFilterColumns) {

    /** The schema registry's file name in the output's state directory. */
    public static final String SCHEMA_FILE = "parquet-schema.json";

    public ParquetConfig {
        types = types == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(types));
        sortBy = sortBy == null ? List.of() : List.copyOf(sortBy);
        bloomFilterColumns =
                bloomFilterColumns == null ? List.of() : List.copyOf(bloomFilterColumns);
        if (types.containsKey("_raw") || types.containsKey("_type_error")) {
            throw new IllegalArgumentException(
                    "types: _raw and _type_error hold the values that do not fit; declare other fields");
        }
        if (rowGroupSize.bytes() < 1024 || rowGroupSize.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("row_group_size: between 1KiB and 2GiB");
        }
        if (pageSize.bytes() < 1024 || pageSize.bytes() > rowGroupSize.bytes()) {
            throw new IllegalArgumentException(
                    "page_size: at least 1KiB and at most row_group_size");
        }
        if (pageRows < 1) {
            throw new IllegalArgumentException("page_rows: at least 1");
        }
    }

    /** What the encoding gets, with the output's schema registry in {@code schemaFile}. */
    public ColumnarOptions options(Path schemaFile) {
        return new ColumnarOptions(
                types,
                nested,
                sortBy,
                rowGroupSize.bytes(),
                (int) pageSize.bytes(),
                pageRows,
                dictionary,
                bloomFilterColumns,
                Optional.of(schemaFile));
    }

    /** The defaults, for an output with format: parquet and no parquet: section. */
    public static ParquetConfig defaults() {
        ColumnarOptions d = ColumnarOptions.defaults();
        return new ParquetConfig(
                Map.of(),
                d.nested(),
                List.of(),
                DataSize.ofBytes(d.rowGroupBytes()),
                DataSize.ofBytes(d.pageBytes()),
                d.pageRows(),
                d.dictionary(),
                List.of());
    }

    /**
     * Checks the section against the output's format.
     *
     * @throws IllegalArgumentException {@code "parquet: ..."} when the section is set and the format is not parquet
     */
    public static void check(Optional<ParquetConfig> parquet, String format) {
        if (parquet.isPresent() && !"parquet".equals(format)) {
            throw new IllegalArgumentException(
                    "parquet: only used with format: parquet (format is " + format + ")");
        }
    }
}
