package dev.hakobu.outputs.parquet;

import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import java.util.Map;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet field of a column type, every field optional: boolean, INT64, DOUBLE, UTF-8 BINARY, INT64
 * {@code TIMESTAMP(MICROS, UTC)}; a struct as a group of its members; a list in the standard three-level
 * layout ({@code LIST} group, {@code repeated group list}, {@code optional element}); and the {@code _raw}
 * column as a {@code MAP} of string to string.
 */
final class ParquetTypes {
    private ParquetTypes() {}

    /** The optional field named {@code name} of {@code type}, which has no NONE or EMPTY left in it. */
    static Type field(String name, FieldType type) {
        if (type instanceof Struct s) {
            Types.GroupBuilder<GroupType> group = Types.optionalGroup();
            for (Map.Entry<String, FieldType> m : s.members().entrySet()) {
                group.addField(field(m.getKey(), m.getValue()));
            }
            return group.named(name);
        }
        if (type instanceof ListOf l) {
            return Types.optionalGroup()
                    .as(LogicalTypeAnnotation.listType())
                    .addField(
                            Types.repeatedGroup()
                                    .addField(field("element", l.element()))
                                    .named("list"))
                    .named(name);
        }
        return switch ((Scalar) type) {
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case BIGINT -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case TIMESTAMP ->
                    Types.optional(PrimitiveTypeName.INT64)
                            .as(
                                    LogicalTypeAnnotation.timestampType(
                                            true, LogicalTypeAnnotation.TimeUnit.MICROS))
                            .named(name);
            case STRING, NONE, EMPTY -> string(name);
        };
    }

    /** {@code optional group name (MAP) { repeated group key_value { required key; optional value } }}. */
    static Type stringMap(String name) {
        return Types.optionalGroup()
                .as(LogicalTypeAnnotation.mapType())
                .addField(
                        Types.repeatedGroup()
                                .addField(
                                        Types.required(PrimitiveTypeName.BINARY)
                                                .as(LogicalTypeAnnotation.stringType())
                                                .named("key"))
                                .addField(string("value"))
                                .named("key_value"))
                .named(name);
    }

    private static Type string(String name) {
        return Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(name);
    }
}
