package dev.hakobu.outputs.s3;

import dev.hakobu.encoding.ColumnarOptions.DeclaredType;
import dev.hakobu.outputs.format.ParquetConfig;
import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import dev.hakobu.outputs.schema.RegistrySchema;
import dev.hakobu.outputs.schema.RegistrySchema.Column;
import dev.hakobu.outputs.schema.RegistrySchema.Widening;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the table over an S3 output's Parquet objects, in the objects' order: the event time
 * ({@code timestamp}), the tag, the declared columns with their declared types ({@code json} is {@code
 * string}), {@code _raw map<string,string>} and {@code _type_error string} when types are declared, then the
 * registry's columns with their union types; and a warning for each widening the registry counted, saying
 * what it means for Athena.
 *
 * @param columns  column name -> Athena type
 * @param warnings one line each, without the comment marker
 */
record AthenaParquetColumns(Map<String, String> columns, List<String> warnings) {

    /**
     * @param registry the merged registries of the output (several nodes: {@link RegistrySchema#merge}), or
     *     empty when none exists yet
     */
    static AthenaParquetColumns of(S3OutputConfig s3, Optional<RegistrySchema> registry) {
        ParquetConfig parquet = s3.parquet().orElseGet(ParquetConfig::defaults);
        Map<String, String> columns = new LinkedHashMap<>();
        s3.eventTime()
                .field(S3OutputConfig.DEFAULT_TIME_KEY, s3.timeZone())
                .ifPresent(field -> columns.put(field.key(), "timestamp"));
        s3.tagKey().ifPresent(key -> columns.put(key, "string"));
        parquet.types()
                .forEach(
                        (name, type) ->
                                columns.putIfAbsent(
                                        name,
                                        type == DeclaredType.JSON
                                                ? "string"
                                                : type.name().toLowerCase(Locale.ROOT)));
        if (!parquet.types().isEmpty()) {
            columns.putIfAbsent("_raw", "map<string,string>");
            columns.putIfAbsent("_type_error", "string");
        }
        List<String> warnings = new ArrayList<>();
        if (registry.isEmpty()) {
            warnings.add(
                    "no schema registry yet: the table has the declared columns only; the observed ones"
                            + " appear here once the output has written its first objects");
            return new AthenaParquetColumns(columns, warnings);
        }
        registry.get().columns().forEach((name, column) -> add(columns, warnings, name, column));
        for (Widening w : registry.get().widenings().values()) {
            warnings.add(
                    oneLine(
                            "column `"
                                    + w.column()
                                    + "` widened: "
                                    + w.describe()
                                    + ". "
                                    + meaning(w)));
        }
        return new AthenaParquetColumns(columns, warnings);
    }

    /**
     * Adds one registry column, unless its name is declared already, cannot be written in a DDL (a line
     * break or control character in it or a member's), or equals another column's but for case (Athena's
     * names ignore case): then a warning says it is left out.
     */
    private static void add(
            Map<String, String> columns, List<String> warnings, String name, Column column) {
        String type = column.type().text();
        if (columns.containsKey(name)) {
            return;
        }
        String why = null;
        if (!oneLine(name + type).equals(name + type)) {
            why =
                    "its name or a member's has a line break or control character, which no DDL can declare";
        } else {
            for (String other : columns.keySet()) {
                if (other.equalsIgnoreCase(name)) {
                    why =
                            "Athena's column names ignore case and `"
                                    + other
                                    + "` is a column already; its values are in the objects"
                                    + " (DuckDB reads them by exact name)";
                }
            }
        }
        if (why == null) {
            columns.put(name, type);
        } else {
            warnings.add(oneLine("column `" + name + "` left out: " + why));
        }
    }

    /** What a widening means for a table that reads every object with the widened type. */
    static String meaning(Widening w) {
        if (!w.columnChanged()) {
            return "The column had that type already: those values are written as "
                    + (w.to() == Scalar.STRING
                            ? "their text (a structure as its JSON)"
                            : w.to().text())
                    + ", every object reads.";
        }
        FieldType from = w.from();
        FieldType to = w.to();
        if (from instanceof Struct || from instanceof ListOf) {
            if (to == Scalar.STRING) {
                return "Objects written before hold it as a Parquet group, which Athena cannot read as"
                        + " string: queries that read this column fail on those objects. Query them with"
                        + " a table of their own that declares "
                        + from.text()
                        + ", or rewrite them (CTAS).";
            }
            return "A member inside it changed type; the same rules apply to the member: a struct or"
                    + " list read as string fails, a bigint read as double or string depends on the"
                    + " engine version (below).";
        }
        if (from == Scalar.BIGINT && to == Scalar.DOUBLE) {
            return "Objects written before hold INT64. Trino reads Parquet integers as double from"
                    + " version 446 (trinodb/trino#21509); if Athena fails on those objects with a type"
                    + " mismatch, query them with a table of their own or rewrite them (CTAS).";
        }
        return "Objects written before hold "
                + from.text()
                + ". Trino reads Parquet bigint and double columns as varchar from version 452"
                + " (trinodb/trino#22246, #22277); booleans as varchar are not known to read. If Athena"
                + " fails on those objects with a type mismatch, query them with a table of their own"
                + " or rewrite them (CTAS).";
    }

    /**
     * The text with line breaks and other control characters as {@code \\uXXXX}: column names come from
     * the logs, and a warning is printed as one SQL comment line.
     */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            int type = Character.getType(c);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
