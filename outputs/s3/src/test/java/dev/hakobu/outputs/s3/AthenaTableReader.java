package dev.hakobu.outputs.s3;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a table the way its DDL declares it, where Athena is not at hand: the columns with the
 * DDL's types, translated to DuckDB's, over the objects under the DDL's LOCATION (a folder of the S3
 * server's bucket), with hive partitioning; and the dt partitions a date projection lists when
 * Athena evaluates {@code NOW} in UTC at a given instant (Athena's documented rule, modelled here;
 * Athena itself was not run).
 */
final class AthenaTableReader {
    private static final Pattern COLUMN =
            Pattern.compile("^  `([^`]+)` (.+?),?$", Pattern.MULTILINE);
    private static final Pattern LOCATION = Pattern.compile("LOCATION 's3://([^/]+)/(.*)'");
    private static final Pattern RANGE =
            Pattern.compile("'projection\\.dt\\.range' = '([0-9-]+),NOW(?:\\+(\\d+)HOURS)?'");

    private final String ddl;
    private final Path bucketDir;

    AthenaTableReader(String ddl, Path bucketDir) {
        this.ddl = ddl;
        this.bucketDir = bucketDir;
    }

    /** The dt values a {@code yyyy-MM-dd} date projection lists when the query runs at {@code now}. */
    List<String> projectedDates(Instant now) {
        Matcher m = RANGE.matcher(ddl);
        if (!m.find()) {
            throw new AssertionError("no dt date projection in\n" + ddl);
        }
        LocalDateTime end = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        if (m.group(2) != null) {
            end = end.plusHours(Integer.parseInt(m.group(2)));
        }
        List<String> dates = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(m.group(1));
                !d.isAfter(end.toLocalDate());
                d = d.plusDays(1)) {
            dates.add(d.format(DateTimeFormatter.ISO_LOCAL_DATE));
        }
        return dates;
    }

    /**
     * Runs {@code select} over the table, named {@code t} in it, and returns each row's columns
     * joined by a space.
     */
    List<String> query(String select) throws Exception {
        Matcher loc = LOCATION.matcher(ddl);
        if (!loc.find()) {
            throw new AssertionError("no LOCATION in\n" + ddl);
        }
        Path location = bucketDir.resolve(loc.group(2));
        String body = ddl.substring(ddl.indexOf("(\n") + 2, ddl.indexOf("\n)\n"));
        StringBuilder columns = new StringBuilder();
        Matcher col = COLUMN.matcher(body);
        while (col.find()) {
            columns.append(columns.length() == 0 ? "" : ", ")
                    .append('\'')
                    .append(col.group(1))
                    .append("': '")
                    .append(duckType(col.group(2)))
                    .append('\'');
        }
        int depth = ddl.substring(ddl.indexOf("PARTITIONED BY")).split("\n")[0].split(",").length;
        String glob = location + "/*".repeat(depth) + "/*.json.gz";
        String table =
                "read_json('"
                        + glob
                        + "', format='newline_delimited', columns={"
                        + columns
                        + "}, hive_partitioning=true, hive_types_autocast=false)";
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET autoinstall_known_extensions=false");
            st.execute("CREATE VIEW t AS SELECT * FROM " + table);
            ResultSet rs = st.executeQuery(select);
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join(" ", row));
            }
        }
        return rows;
    }

    /** An Athena (Hive DDL) type as DuckDB writes it. */
    static String duckType(String athena) {
        if (athena.startsWith("array<")) {
            return duckType(athena.substring(6, athena.length() - 1)) + "[]";
        }
        if (athena.startsWith("struct<")) {
            StringBuilder out = new StringBuilder("STRUCT(");
            String inner = athena.substring(7, athena.length() - 1);
            int depth = 0;
            int start = 0;
            for (int i = 0; i <= inner.length(); i++) {
                char c = i < inner.length() ? inner.charAt(i) : ',';
                if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    String field = inner.substring(start, i);
                    int colon = field.indexOf(':');
                    out.append(start == 0 ? "" : ", ")
                            .append('"')
                            .append(field.substring(0, colon).replace("`", ""))
                            .append("\" ")
                            .append(duckType(field.substring(colon + 1)));
                    start = i + 1;
                }
            }
            return out.append(')').toString();
        }
        return switch (athena) {
            case "string" -> "VARCHAR";
            case "int" -> "INTEGER";
            default -> athena.toUpperCase(java.util.Locale.ROOT);
        };
    }
}
