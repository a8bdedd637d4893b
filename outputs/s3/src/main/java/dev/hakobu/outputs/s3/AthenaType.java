package dev.hakobu.outputs.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** An inferred Athena column type: a primitive, an array or a struct, and how two of them widen. */
sealed interface AthenaType {
    Primitive NULL = new Primitive("null");
    Primitive BIGINT = new Primitive("bigint");
    Primitive DECIMAL = new Primitive("decimal(38,0)");
    Primitive DOUBLE = new Primitive("double");
    Primitive BOOLEAN = new Primitive("boolean");
    Primitive STRING = new Primitive("string");

    /** The type as a DDL writes it; null (never seen with a value) is {@code string}. */
    String ddl();

    /** The narrowest type both values fit without failing or overflowing. */
    default AthenaType widen(AthenaType other) {
        if (this.equals(other) || other.equals(NULL)) {
            return this;
        }
        if (this.equals(NULL)) {
            return other;
        }
        if (this instanceof Array a && other instanceof Array b) {
            return new Array(a.element().widen(b.element()));
        }
        if (this instanceof Struct a && other instanceof Struct b) {
            Map<String, AthenaType> fields = new LinkedHashMap<>(a.fields());
            b.fields().forEach((name, type) -> fields.merge(name, type, AthenaType::widen));
            return new Struct(fields);
        }
        if (numeric(this) && numeric(other)) {
            return this.equals(DOUBLE) || other.equals(DOUBLE) ? DOUBLE : DECIMAL;
        }
        return STRING;
    }

    private static boolean numeric(AthenaType t) {
        return t.equals(BIGINT) || t.equals(DECIMAL) || t.equals(DOUBLE);
    }

    record Primitive(String name) implements AthenaType {
        @Override
        public String ddl() {
            return equals(NULL) ? "string" : name;
        }
    }

    record Array(AthenaType element) implements AthenaType {
        @Override
        public String ddl() {
            return "array<" + element.ddl() + ">";
        }
    }

    /** A JSON object's fields, in first-seen order; names that are not plain are back-quoted. */
    record Struct(Map<String, AthenaType> fields) implements AthenaType {
        private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

        @Override
        public String ddl() {
            StringBuilder out = new StringBuilder("struct<");
            fields.forEach(
                    (name, type) -> {
                        if (out.length() > 7) {
                            out.append(',');
                        }
                        out.append(PLAIN.matcher(name).matches() ? name : "`" + name + "`")
                                .append(':')
                                .append(type.ddl());
                    });
            return out.append('>').toString();
        }
    }
}
