package dev.hakobu.encoding;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a columnar encoding (Parquet) is asked for beyond the records themselves: declared column types, how
 * nested values are stored, the order of rows inside an object, the sizes of row groups and pages, and where
 * the output keeps the schema it has written so far. Encodings that are not columnar ignore it.
 *
 * @param types              declared column types by top-level field name; they come first, before any
 *                           type a chunk's values suggest
 * @param nested             how maps and arrays are stored: as structs and lists, or as JSON text
 * @param sortBy             fields the rows of each object are sorted by, in order (then by event time);
 *                           empty: the order they arrived in
 * @param rowGroupBytes      target size of a row group
 * @param pageBytes          target size of a page
 * @param pageRows           most rows in one page, so page statistics stay selective
 * @param dictionary         dictionary encoding of columns
 * @param bloomFilterColumns columns that get a bloom filter (high-cardinality equality predicates)
 * @param schemaFile         the output's schema registry: the union of every object's columns, kept in its
 *                           state directory; empty: none kept (tools and tests)
 */
public record ColumnarOptions(
        Map<String, DeclaredType> types,
        NestedValues nested,
        List<String> sortBy,
        long rowGroupBytes,
        int pageBytes,
        int pageRows,
        boolean dictionary,
        List<String> bloomFilterColumns,
        Optional<Path> schemaFile) {

    /**
     * Row groups of 128 MiB (an object of one buffer chunk is one row group) and pages of at most 1 MiB and
     * 1,000 rows, so that with {@code sort_by} a point query reads a few pages of each object through the page
     * index (parquet-java's 20,000 rows leave pages too coarse to skip much). Row groups of 128 KiB would let
     * readers without the page index skip too, but cost the writer about 1.5x the CPU
     * (bench/results/2026-12-06-parquet-speed-and-cost.md). Dictionaries, structs and lists, no sort, no
     * bloom filter, no registry.
     */
    public static ColumnarOptions defaults() {
        return new ColumnarOptions(
                Map.of(),
                NestedValues.STRUCT,
                List.of(),
                128L << 20,
                1 << 20,
                1_000,
                true,
                List.of(),
                Optional.empty());
    }

    public ColumnarOptions {
        types =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(types)); // declared order: column order
        sortBy = List.copyOf(sortBy);
        bloomFilterColumns = List.copyOf(bloomFilterColumns);
    }

    /** The same options with the registry kept in {@code file}. */
    public ColumnarOptions withSchemaFile(Path file) {
        return new ColumnarOptions(
                types,
                nested,
                sortBy,
                rowGroupBytes,
                pageBytes,
                pageRows,
                dictionary,
                bloomFilterColumns,
                Optional.of(file));
    }

    /** A column type an operator declares (Athena's names). */
    public enum DeclaredType {
        STRING,
        BIGINT,
        DOUBLE,
        BOOLEAN,
        TIMESTAMP,
        /** A string column holding the value's JSON text, whatever its shape. */
        JSON
    }

    /** Where maps and arrays go. */
    public enum NestedValues {
        /** Maps as structs, arrays as lists. */
        STRUCT,
        /** Maps and arrays as their JSON text in a string column. */
        JSON
    }
}
