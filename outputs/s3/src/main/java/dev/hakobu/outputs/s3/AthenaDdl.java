package dev.hakobu.outputs.s3;

import dev.hakobu.encoding.JsonLinesEncoding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Athena table for one tag written by an S3 output, with partition projection, so new dt=
 * partitions are queryable the moment their objects land: no MSCK REPAIR, crawler or partition job.
 * A pure function of the output's bucket and key template, the tag, and the columns.
 *
 * <p>Each {@code name=<time fields>} path segment of the key template before the file name becomes a
 * projected partition column: {@code dt=%Y-%m-%d} a date projection, {@code hour=%H} an integer one.
 * The event-time field the output writes is a column too, after the given ones, unless they name it.
 * Only for {@code format: json}: the table reads objects through the JSON SerDe.
 */
public final class AthenaDdl {
    private static final Pattern PARTITION =
            Pattern.compile("([a-z_][a-z0-9_]*)=((?:%[YmdH]|[-/_.:])+)");

    private AthenaDdl() {}

    /**
     * @param columns column name -> Athena type, in order; the event time's column is added when absent
     * @param rangeStart first date of the dt projection range, {@code yyyy-MM-dd}
     * @throws IllegalArgumentException when the key template has no hive-style time partition, or the
     *                                  output writes another format than JSON lines (the table would not read it)
     */
    public static String createTable(
            S3OutputConfig s3, String tag, Map<String, String> columns, String rangeStart) {
        if (!s3.format().equals(JsonLinesEncoding.NAME)) {
            throw new IllegalArgumentException(
                    "format: the table is for JSON lines (format: json), this output writes "
                            + s3.format()
                            + "; create its table by hand");
        }
        String[] segments = s3.key().replace("${tag}", tag).split("/");
        StringBuilder location = new StringBuilder("s3://").append(s3.bucket()).append('/');
        int i = 0;
        while (i < segments.length - 1 && !PARTITION.matcher(segments[i]).matches()) {
            if (segments[i].contains("${") || segments[i].contains("%")) {
                throw new IllegalArgumentException(
                        "key: the part before the partitions must be fixed for a table, found '"
                                + segments[i]
                                + "'");
            }
            location.append(segments[i++]).append('/');
        }
        List<String[]> partitions = new ArrayList<>();
        StringBuilder template = new StringBuilder(location);
        for (; i < segments.length - 1; i++) {
            Matcher m = PARTITION.matcher(segments[i]);
            if (!m.matches()) {
                break;
            }
            partitions.add(new String[] {m.group(1), m.group(2)});
            template.append(m.group(1)).append("=${").append(m.group(1)).append("}/");
        }
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException(
                    "key: no partition segment such as dt=%Y-%m-%d in '" + s3.key() + "'");
        }
        StringBuilder ddl = new StringBuilder();
        ddl.append("CREATE EXTERNAL TABLE IF NOT EXISTS `")
                .append(tag.replaceAll("[^A-Za-z0-9_]", "_"))
                .append("` (\n");
        List<String> cols = new ArrayList<>();
        withEventTime(s3, columns).forEach((name, type) -> cols.add("  `" + name + "` " + type));
        ddl.append(String.join(",\n", cols)).append("\n)\n");
        List<String> partCols = new ArrayList<>();
        partitions.forEach(p -> partCols.add("`" + p[0] + "` string"));
        ddl.append("PARTITIONED BY (").append(String.join(", ", partCols)).append(")\n");
        ddl.append("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\n");
        ddl.append("LOCATION '").append(location).append("'\n");
        ddl.append("TBLPROPERTIES (\n  'projection.enabled' = 'true',\n");
        for (String[] p : partitions) {
            ddl.append(projection(p[0], p[1], rangeStart));
        }
        String storage = template.substring(0, template.length() - 1);
        ddl.append("  'storage.location.template' = '").append(storage).append("'\n);\n");
        return ddl.toString();
    }

    private static Map<String, String> withEventTime(
            S3OutputConfig s3, Map<String, String> columns) {
        Map<String, String> all = new LinkedHashMap<>(columns);
        s3.eventTime()
                .field(S3OutputConfig.DEFAULT_TIME_KEY, s3.timeZone())
                .ifPresent(field -> all.putIfAbsent(field.key(), AthenaColumns.of(field.format())));
        return all;
    }

    private static String projection(String name, String format, String rangeStart) {
        String p = "  'projection." + name;
        if (format.equals("%H")) {
            return p
                    + ".type' = 'integer',\n"
                    + p
                    + ".range' = '0,23',\n"
                    + p
                    + ".digits' = '2',\n";
        }
        String javaFormat =
                format.replace("%Y", "yyyy")
                        .replace("%m", "MM")
                        .replace("%d", "dd")
                        .replace("%H", "HH");
        String unit = format.contains("%H") ? "HOURS" : format.contains("%d") ? "DAYS" : "MONTHS";
        return p
                + ".type' = 'date',\n"
                + p
                + ".format' = '"
                + javaFormat
                + "',\n"
                + p
                + ".range' = '"
                + rangeStart
                + ",NOW',\n"
                + p
                + ".interval' = '1',\n"
                + p
                + ".interval.unit' = '"
                + unit
                + "',\n";
    }
}
