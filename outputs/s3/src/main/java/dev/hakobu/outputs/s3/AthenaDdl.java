package dev.hakobu.outputs.s3;

import dev.hakobu.encoding.JsonLinesEncoding;
import dev.hakobu.outputs.s3.AthenaLayout.Partition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Athena table for one tag written by an S3 output, with partition projection, so new partitions
 * are queryable the moment their objects land: no MSCK REPAIR, crawler or partition job. A pure
 * function of the output's bucket, key template and zone, the tag, the columns, the SerDe, the first
 * date and the instant the DDL is made (which only matters for a zone whose offsets may change).
 *
 * <p>{@link AthenaLayout} finds the table's location and partition segments, {@link
 * AthenaProjection} their projections. The event-time field the output writes is a column too, after
 * the given ones, unless they name it. For {@code format: json} the table reads objects through a
 * JSON SerDe; for {@code format: parquet} ({@link #createParquetTable}) it is {@code STORED AS PARQUET}.
 */
public final class AthenaDdl {
    static final String PARQUET = "parquet";

    private AthenaDdl() {}

    /**
     * @param columns column name -> Athena type, in order; the event time's column is added when absent,
     *     and the tag's ({@code string}) when the output writes one ({@code tag_key})
     * @param since first date of the projection ranges
     * @throws IllegalArgumentException starting with the config key at fault ({@code key:}, {@code
     *     format:}, {@code bucket:}) when no table could read this output's objects for this tag
     */
    public static String createTable(
            S3OutputConfig s3,
            String tag,
            Map<String, String> columns,
            LocalDate since,
            AthenaSerde serde,
            Instant now) {
        if (!s3.format().equals(JsonLinesEncoding.NAME)) {
            throw new IllegalArgumentException(
                    "format: the table is for JSON lines (format: json), this output writes "
                            + s3.format()
                            + "; create its table by hand");
        }
        return table(s3, tag, columns, since, serde.rowFormat(), now);
    }

    /**
     * The table over an output's {@code format: parquet} objects ({@code STORED AS PARQUET}, which reads
     * columns by name), with the same location and partition projection as {@link #createTable}.
     *
     * @param columns column name -> Athena type, in order ({@link AthenaParquetColumns}); the event time's
     *     column ({@code timestamp}) is added when absent, and the tag's
     * @throws IllegalArgumentException as {@link #createTable}, and {@code format:} when the output does not
     *     write Parquet
     */
    public static String createParquetTable(
            S3OutputConfig s3,
            String tag,
            Map<String, String> columns,
            LocalDate since,
            Instant now) {
        if (!s3.format().equals(PARQUET)) {
            throw new IllegalArgumentException(
                    "format: this table is for format: parquet, this output writes " + s3.format());
        }
        return table(s3, tag, columns, since, "STORED AS PARQUET\n", now);
    }

    private static String table(
            S3OutputConfig s3,
            String tag,
            Map<String, String> columns,
            LocalDate since,
            String storage,
            Instant now) {
        AthenaLayout layout = AthenaLayout.of(s3.bucket(), s3.key(), tag);
        StringBuilder ddl = new StringBuilder();
        ddl.append("CREATE EXTERNAL TABLE IF NOT EXISTS `").append(tableName(tag)).append("` (\n");
        List<String> cols = new ArrayList<>();
        withEventTime(s3, columns)
                .forEach((name, type) -> cols.add("  `" + name.replace("`", "``") + "` " + type));
        ddl.append(String.join(",\n", cols)).append("\n)\n");
        List<String> partCols = new ArrayList<>();
        for (Partition p : layout.partitions()) {
            partCols.add("`" + p.name() + "` " + (p.format().length() == 2 ? "int" : "string"));
        }
        ddl.append("PARTITIONED BY (").append(String.join(", ", partCols)).append(")\n");
        ddl.append(storage);
        ddl.append("LOCATION '").append(layout.location()).append("'\n");
        ddl.append("TBLPROPERTIES (\n  'projection.enabled' = 'true',\n");
        for (Partition p : layout.partitions()) {
            ddl.append(AthenaProjection.properties(p, since, s3.timeZone(), now));
        }
        ddl.append("  'storage.location.template' = '")
                .append(layout.storageTemplate())
                .append("'\n);\n");
        return ddl.toString();
    }

    /** The tag with every character but letters, digits and {@code _} as {@code _}: app.shop -> app_shop. */
    static String tableName(String tag) {
        return tag.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static Map<String, String> withEventTime(
            S3OutputConfig s3, Map<String, String> columns) {
        Map<String, String> all = new LinkedHashMap<>(columns);
        s3.eventTime()
                .field(S3OutputConfig.DEFAULT_TIME_KEY, s3.timeZone())
                .ifPresent(
                        field ->
                                all.putIfAbsent(
                                        field.key(),
                                        s3.format().equals(PARQUET)
                                                ? "timestamp"
                                                : AthenaColumns.of(field.format())));
        // with tag_key every record carries its tag, which a table over several tags' objects
        // filters on
        s3.tagKey().ifPresent(key -> all.put(key, "string"));
        return all;
    }
}
