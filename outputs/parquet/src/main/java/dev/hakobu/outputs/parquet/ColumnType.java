package dev.hakobu.outputs.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** What one column holds, as inferred from the values seen in it ({@link ChunkSchema}). */
enum ColumnType {
    BOOLEAN,
    /** Integers that fit a signed 64-bit long. */
    LONG,
    DOUBLE,
    /** UTF-8 text: strings, and any column whose values had more than one type (written as their JSON). */
    STRING,
    /** Maps and arrays, written as their JSON text in a string column (structs and lists are for later). */
    JSON,
    /** The event time, microseconds since the epoch, UTC. */
    TIMESTAMP;

    /** The optional Parquet field of this type, named {@code name}. */
    Type parquetField(String name) {
        return switch (this) {
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case LONG -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case STRING, JSON ->
                    Types.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(name);
            case TIMESTAMP ->
                    Types.optional(PrimitiveTypeName.INT64)
                            .as(
                                    LogicalTypeAnnotation.timestampType(
                                            true, LogicalTypeAnnotation.TimeUnit.MICROS))
                            .named(name);
        };
    }
}
