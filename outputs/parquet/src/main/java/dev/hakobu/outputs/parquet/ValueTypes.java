package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ValueJson;
import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import dev.hakobu.outputs.schema.TypeWidening;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;

/**
 * The type one msgpack value asks of its column (pass one): nil tells nothing ({@link Scalar#NONE}); an
 * integer is bigint, or string beyond a signed 64-bit long; a float is double; true/false boolean; text and
 * anything else string. With structs, a map is a struct of its members and an array a list of its elements'
 * widened type ({@link TypeWidening}), empty ones {@link Scalar#EMPTY}; without, both are string (their
 * JSON). Map keys that are not strings are named by their JSON.
 */
final class ValueTypes {
    private final boolean structs;

    ValueTypes(boolean structs) {
        this.structs = structs;
    }

    /** Reads one value and returns its type, leaving the unpacker after it. */
    FieldType read(MessageUnpacker unpacker) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        switch (format.getValueType()) {
            case NIL -> {
                unpacker.unpackNil();
                return Scalar.NONE;
            }
            case BOOLEAN -> {
                unpacker.skipValue();
                return Scalar.BOOLEAN;
            }
            case INTEGER -> {
                if (format == MessageFormat.UINT64) {
                    BigInteger value = unpacker.unpackBigInteger();
                    return value.bitLength() < 64 ? Scalar.BIGINT : Scalar.STRING;
                }
                unpacker.skipValue();
                return Scalar.BIGINT;
            }
            case FLOAT -> {
                unpacker.skipValue();
                return Scalar.DOUBLE;
            }
            case MAP -> {
                if (!structs) {
                    unpacker.skipValue();
                    return Scalar.STRING;
                }
                int size = unpacker.unpackMapHeader();
                if (size == 0) {
                    return Scalar.EMPTY;
                }
                if (size > TypeWidening.MAX_STRUCT_MEMBERS) {
                    for (int i = 0; i < size * 2; i++) {
                        unpacker.skipValue();
                    }
                    return Scalar.STRING;
                }
                Map<String, FieldType> members = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    String name = key(unpacker);
                    members.merge(name, read(unpacker), TypeWidening::widen);
                }
                return new Struct(members);
            }
            case ARRAY -> {
                if (!structs) {
                    unpacker.skipValue();
                    return Scalar.STRING;
                }
                int size = unpacker.unpackArrayHeader();
                if (size == 0) {
                    return Scalar.EMPTY;
                }
                FieldType element = Scalar.NONE;
                for (int i = 0; i < size; i++) {
                    element = TypeWidening.widen(element, read(unpacker));
                }
                return new ListOf(element);
            }
            default -> {
                unpacker.skipValue();
                return Scalar.STRING;
            }
        }
    }

    /** A map key as a member name: a string's text, anything else's JSON. */
    static String key(MessageUnpacker unpacker) throws IOException {
        if (unpacker.getNextFormat().getValueType() == org.msgpack.value.ValueType.STRING) {
            return unpacker.unpackString();
        }
        return ValueJson.of(unpacker.unpackValue());
    }
}
