package dev.hakobu.outputs.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The type of one column, or of a member or element inside one: a scalar, a struct of named members (a
 * map's keys, in first-seen order) or a list of one element type. {@link #text()} is its Hive/Athena DDL
 * syntax ({@code bigint}, {@code struct<a:bigint>}, {@code array<string>}), which is also how logs and the
 * registry file name it.
 */
public sealed interface FieldType {

    /** The DDL syntax of this type; {@link Scalar#NONE} and {@link Scalar#EMPTY} are {@code string}. */
    String text();

    /** This type with every NONE and EMPTY (no information) as {@link Scalar#STRING}: what a writer writes. */
    FieldType resolved();

    /** A value without inner structure, and the two markers for values that tell no type. */
    enum Scalar implements FieldType {
        BOOLEAN,
        /** A signed 64-bit integer. */
        BIGINT,
        DOUBLE,
        /** UTF-8 text; also the column of any values that had no narrower common type. */
        STRING,
        /** Microseconds since the epoch, UTC. */
        TIMESTAMP,
        /** Only nulls seen: no information. */
        NONE,
        /** Only empty maps or arrays seen: fits a struct, a list or a string. */
        EMPTY;

        @Override
        public String text() {
            return this == NONE || this == EMPTY
                    ? "string"
                    : name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public FieldType resolved() {
            return this == NONE || this == EMPTY ? STRING : this;
        }
    }

    /**
     * A map's members by name, in first-seen order; in {@link #text()} a name that is not plain lower case is
     * back-quoted (a back quote in it doubled), as Hive's DDL wants.
     */
    record Struct(Map<String, FieldType> members) implements FieldType {
        private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

        public Struct {
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public String text() {
            StringBuilder out = new StringBuilder("struct<");
            members.forEach(
                    (name, type) -> {
                        if (out.length() > 7) {
                            out.append(',');
                        }
                        out.append(
                                        PLAIN.matcher(name).matches()
                                                ? name
                                                : "`" + name.replace("`", "``") + "`")
                                .append(':')
                                .append(type.text());
                    });
            return out.append('>').toString();
        }

        @Override
        public FieldType resolved() {
            Map<String, FieldType> out = new LinkedHashMap<>();
            members.forEach((name, type) -> out.put(name, type.resolved()));
            return new Struct(out);
        }
    }

    /** An array whose elements all have one type. */
    record ListOf(FieldType element) implements FieldType {
        @Override
        public String text() {
            return "array<" + element.text() + ">";
        }

        @Override
        public FieldType resolved() {
            return new ListOf(element.resolved());
        }
    }
}
