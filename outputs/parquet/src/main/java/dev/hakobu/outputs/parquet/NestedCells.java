package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ValueJson;
import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.msgpack.value.Value;

/**
 * Writes one decoded, non-nil value as the cell of a column (or member, or element) of a given type, inside
 * a field the caller started: a map as a group of the type's members (a member the map lacks, or holds as
 * nil, is null), an array as a three-level list (nil elements are null elements), an empty map or array as
 * an empty group or list, and into a string column a string's bytes or any other value's JSON (a number's
 * digits, a structure's JSON). The type comes from the values ({@link ChunkSchema#fix}), so a value that
 * fits none of these is a bug.
 */
final class NestedCells {
    private final RecordConsumer consumer;

    NestedCells(RecordConsumer consumer) {
        this.consumer = consumer;
    }

    void write(Value v, FieldType type) {
        if (type instanceof Struct s) {
            struct(v, s);
        } else if (type instanceof ListOf l) {
            list(v, l);
        } else {
            scalar(v, (Scalar) type);
        }
    }

    /** A MAP of string keys to string values, in the map's order. */
    void stringMap(Map<String, String> entries) {
        consumer.startGroup();
        consumer.startField("key_value", 0);
        for (Map.Entry<String, String> e : entries.entrySet()) {
            consumer.startGroup();
            consumer.startField("key", 0);
            consumer.addBinary(Binary.fromString(e.getKey()));
            consumer.endField("key", 0);
            consumer.startField("value", 1);
            consumer.addBinary(Binary.fromString(e.getValue()));
            consumer.endField("value", 1);
            consumer.endGroup();
        }
        consumer.endField("key_value", 0);
        consumer.endGroup();
    }

    private void struct(Value v, Struct type) {
        Map<String, Value> members = new HashMap<>();
        if (v.isMapValue()) {
            for (Map.Entry<Value, Value> e : v.asMapValue().entrySet()) {
                Value key = e.getKey();
                members.put(
                        key.isStringValue() ? key.asStringValue().asString() : ValueJson.of(key),
                        e.getValue());
            }
        } else if (!isEmptyArray(v)) {
            throw new IllegalStateException("a " + v.getValueType() + " in a struct column");
        }
        consumer.startGroup();
        int index = 0;
        for (Map.Entry<String, FieldType> m : type.members().entrySet()) {
            Value member = members.get(m.getKey());
            if (member != null && !member.isNilValue()) {
                consumer.startField(m.getKey(), index);
                write(member, m.getValue());
                consumer.endField(m.getKey(), index);
            }
            index++;
        }
        consumer.endGroup();
    }

    private void list(Value v, ListOf type) {
        List<Value> elements;
        if (v.isArrayValue()) {
            elements = v.asArrayValue().list();
        } else if (v.isMapValue() && v.asMapValue().size() == 0) {
            elements = List.of();
        } else {
            throw new IllegalStateException("a " + v.getValueType() + " in a list column");
        }
        consumer.startGroup();
        if (!elements.isEmpty()) {
            consumer.startField("list", 0);
            for (Value element : elements) {
                consumer.startGroup();
                if (!element.isNilValue()) {
                    consumer.startField("element", 0);
                    write(element, type.element());
                    consumer.endField("element", 0);
                }
                consumer.endGroup();
            }
            consumer.endField("list", 0);
        }
        consumer.endGroup();
    }

    private void scalar(Value v, Scalar type) {
        switch (type) {
            case BOOLEAN -> consumer.addBoolean(v.asBooleanValue().getBoolean());
            case BIGINT -> consumer.addLong(v.asIntegerValue().toLong());
            case DOUBLE -> consumer.addDouble(v.asNumberValue().toDouble());
            default -> {
                if (v.isStringValue()) {
                    consumer.addBinary(
                            Binary.fromConstantByteArray(v.asStringValue().asByteArray()));
                } else {
                    consumer.addBinary(Binary.fromString(ValueJson.text(v)));
                }
            }
        }
    }

    private static boolean isEmptyArray(Value v) {
        return v.isArrayValue() && v.asArrayValue().size() == 0;
    }
}
