package dev.hakobu.outputs.s3;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a Parquet object's columns read as the types a {@code CREATE EXTERNAL TABLE} declares, by the
 * rules Athena engine v3 (Trino's Hive connector, reading Parquet columns by name) follows. The footer is
 * read with DuckDB's {@code parquet_schema}. The rules:
 *
 * <ul>
 *   <li>{@code string}: UTF-8 BYTE_ARRAY reads; INT64 and DOUBLE read only through Trino's coercion to
 *       varchar (Trino 452: trinodb/trino#22246, #22277), counted as {@link Verdict#COERCED}; anything
 *       else (a boolean, a group) fails.
 *   <li>{@code bigint}: INT64 without logical type. {@code boolean}: BOOLEAN. {@code timestamp}: INT64
 *       TIMESTAMP_MICROS. {@code double}: DOUBLE; INT64 through Trino's coercion (Trino 446,
 *       trinodb/trino#21509), COERCED.
 *   <li>{@code map<string,string>}: a MAP group of string keys and values. {@code array<T>}: a LIST group
 *       (three levels) whose element reads as T. {@code struct<...>}: a plain group whose every member is
 *       one of the struct's (by name, any case) and reads as its type; the struct's members the group
 *       lacks read null.
 *   <li>A top-level column of the object the table does not declare is lost to queries: fails.
 * </ul>
 */
final class ParquetTableCheck {
    enum Verdict {
        READS,
        COERCED,
        FAILS
    }

    /** A Parquet schema node: a leaf's physical type, a group's children, the converted type of either. */
    record Node(String name, String physical, String converted, List<Node> children) {}

    /** A DDL type: its kind (string, bigint, ..., map, array, struct) and its parameters. */
    record DdlType(String kind, Map<String, DdlType> members) {}

    /** One finding: an object's column and how it reads. */
    record Finding(Path file, String column, Verdict verdict, String why) {}

    private ParquetTableCheck() {}

    /** Every top-level column of {@code file} against the table's {@code columns} (name -> DDL type). */
    static List<Finding> check(Path file, Map<String, String> columns) throws Exception {
        Node root = footer(file);
        List<Finding> findings = new ArrayList<>();
        for (Node column : root.children()) {
            String type = columns.get(column.name());
            if (type == null) {
                findings.add(new Finding(file, column.name(), Verdict.FAILS, "not in the table"));
                continue;
            }
            StringBuilder why = new StringBuilder();
            Verdict v = reads(column, parse(type), why);
            findings.add(new Finding(file, column.name(), v, why.toString()));
        }
        return findings;
    }

    /** The columns of a DDL as the table declares them, in order: each {@code  `name` type} line. */
    static Map<String, String> columns(String ddl) {
        Map<String, String> columns = new LinkedHashMap<>();
        String body = ddl.substring(ddl.indexOf("(\n") + 2, ddl.indexOf("\n)\n"));
        for (String line : body.split(",\n")) {
            String l = line.trim();
            int end = l.indexOf('`', 1);
            columns.put(l.substring(1, end), l.substring(end + 2));
        }
        return columns;
    }

    static Verdict reads(Node node, DdlType type, StringBuilder why) {
        boolean leaf = node.children().isEmpty();
        switch (type.kind()) {
            case "string" -> {
                if (leaf
                        && "BYTE_ARRAY".equals(node.physical())
                        && "UTF8".equals(node.converted())) {
                    return Verdict.READS;
                }
                if (leaf
                        && node.converted() == null
                        && ("INT64".equals(node.physical()) || "DOUBLE".equals(node.physical()))) {
                    why.append(node.name())
                            .append(": ")
                            .append(node.physical())
                            .append(" as varchar; ");
                    return Verdict.COERCED;
                }
                return fails(node, type, why);
            }
            case "bigint" -> {
                return leaf && "INT64".equals(node.physical()) && node.converted() == null
                        ? Verdict.READS
                        : fails(node, type, why);
            }
            case "double" -> {
                if (leaf && "DOUBLE".equals(node.physical())) {
                    return Verdict.READS;
                }
                if (leaf && "INT64".equals(node.physical()) && node.converted() == null) {
                    why.append(node.name()).append(": INT64 as double; ");
                    return Verdict.COERCED;
                }
                return fails(node, type, why);
            }
            case "boolean" -> {
                return leaf && "BOOLEAN".equals(node.physical())
                        ? Verdict.READS
                        : fails(node, type, why);
            }
            case "timestamp" -> {
                return leaf
                                && "INT64".equals(node.physical())
                                && "TIMESTAMP_MICROS".equals(node.converted())
                        ? Verdict.READS
                        : fails(node, type, why);
            }
            case "map" -> {
                if (!"MAP".equals(node.converted()) || node.children().size() != 1) {
                    return fails(node, type, why);
                }
                Node kv = node.children().get(0);
                Verdict v = Verdict.READS;
                for (Node part : kv.children()) {
                    v =
                            worst(
                                    v,
                                    reads(
                                            part,
                                            type.members()
                                                    .get(
                                                            part.name().equals("key")
                                                                    ? "key"
                                                                    : "value"),
                                            why));
                }
                return v;
            }
            case "array" -> {
                if (!"LIST".equals(node.converted())
                        || node.children().size() != 1
                        || node.children().get(0).children().size() != 1) {
                    return fails(node, type, why);
                }
                return reads(
                        node.children().get(0).children().get(0),
                        type.members().get("element"),
                        why);
            }
            case "struct" -> {
                if (leaf || node.converted() != null) {
                    return fails(node, type, why);
                }
                Verdict v = Verdict.READS;
                for (Node member : node.children()) {
                    DdlType memberType = null;
                    for (Map.Entry<String, DdlType> m : type.members().entrySet()) {
                        if (m.getKey().equalsIgnoreCase(member.name())) {
                            memberType = m.getValue();
                        }
                    }
                    if (memberType == null) {
                        why.append(member.name()).append(": not a member of the struct; ");
                        return Verdict.FAILS;
                    }
                    v = worst(v, reads(member, memberType, why));
                }
                return v;
            }
            default -> {
                return fails(node, type, why);
            }
        }
    }

    private static Verdict fails(Node node, DdlType type, StringBuilder why) {
        why.append(node.name())
                .append(": ")
                .append(
                        node.children().isEmpty()
                                ? node.physical() + "/" + node.converted()
                                : "group " + node.converted())
                .append(" cannot read as ")
                .append(type.kind())
                .append("; ");
        return Verdict.FAILS;
    }

    private static Verdict worst(Verdict a, Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** The object's schema from its footer, as a tree. */
    static Node footer(Path file) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT name, type, coalesce(num_children, 0), converted_type FROM"
                                        + " parquet_schema('"
                                        + file
                                        + "')")) {
            while (rs.next()) {
                rows.add(
                        new Object[] {
                            rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)
                        });
            }
        }
        int[] next = {0};
        return node(rows, next);
    }

    private static Node node(List<Object[]> rows, int[] next) {
        Object[] row = rows.get(next[0]++);
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < (Integer) row[2]; i++) {
            children.add(node(rows, next));
        }
        return new Node((String) row[0], (String) row[1], (String) row[3], children);
    }

    /** A Hive/Athena type: string, bigint, double, boolean, timestamp, map<k,v>, array<t>, struct<n:t,...>. */
    static DdlType parse(String text) {
        int[] at = {0};
        DdlType t = parse(text, at);
        if (at[0] != text.length()) {
            throw new IllegalArgumentException("trailing text in " + text);
        }
        return t;
    }

    private static DdlType parse(String s, int[] at) {
        int start = at[0];
        while (at[0] < s.length() && Character.isLetterOrDigit(s.charAt(at[0]))) {
            at[0]++;
        }
        String kind = s.substring(start, at[0]).toLowerCase(Locale.ROOT);
        Map<String, DdlType> members = new LinkedHashMap<>();
        if (at[0] < s.length() && s.charAt(at[0]) == '<') {
            at[0]++;
            switch (kind) {
                case "array" -> members.put("element", parse(s, at));
                case "map" -> {
                    members.put("key", parse(s, at));
                    at[0]++; // ','
                    members.put("value", parse(s, at));
                }
                default -> {
                    while (s.charAt(at[0]) != '>') {
                        String name;
                        if (s.charAt(at[0]) == '`') {
                            int end = s.indexOf('`', at[0] + 1);
                            name = s.substring(at[0] + 1, end);
                            at[0] = end + 1;
                        } else {
                            int end = s.indexOf(':', at[0]);
                            name = s.substring(at[0], end);
                            at[0] = end;
                        }
                        at[0]++; // ':'
                        members.put(name, parse(s, at));
                        if (s.charAt(at[0]) == ',') {
                            at[0]++;
                        }
                    }
                }
            }
            at[0]++; // '>'
        }
        return new DdlType(kind, members);
    }
}
