package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ColumnarOptions.DeclaredType;
import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import dev.hakobu.outputs.schema.TypeWidening;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The columns of one object. In order: the event time (a timestamp column, when the output writes one), the
 * tag (when the output writes one), the declared columns with their declared types (even if no record has
 * them) followed by {@code _raw} (map of string to string: each misfit's original) and {@code _type_error}
 * (string: why), then every other top-level field in the order it first appears ("observed" columns), typed
 * by its values ({@link ValueTypes}, {@link TypeWidening}) and, once {@link #fix fixed}, by the registry.
 *
 * <p>An observed column or struct member whose values were all null or empty tells no type: it is left out
 * of the object (its cells are null), unless the registry already has it as a struct, list or string, which
 * an empty value fits. Writing it as text would pin it to string in the registry for good.
 */
final class ChunkSchema {
    /** The column a record that is not a map goes to. */
    static final String NON_MAP_RECORD = "record";

    static final String RAW = "_raw";
    static final String TYPE_ERROR = "_type_error";

    /** What fills a column. */
    enum Role {
        TIME,
        TAG,
        DECLARED,
        RAW,
        TYPE_ERROR,
        OBSERVED,
        /** A field past {@link #MAX_COLUMNS}: no column of its own; its values go to {@code _raw}. */
        OVERFLOW
    }

    /**
     * Most observed top-level columns in one object. Fields past it (keys that carry data, such as a user id
     * as a key, or an attacker's unique keys) would each cost parquet-java a column writer, and the schema
     * registry a column for good: 20,000 one-value columns took 12 s and 0.5 GiB of heap for 2,000 records.
     * Their values go to {@code _raw} instead, with the reason in {@code _type_error}: nothing is lost.
     */
    static final int MAX_COLUMNS = 1_000;

    private int observedColumns;

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Role> roles = new ArrayList<>();
    private final List<FieldType> types = new ArrayList<>();
    private final List<DeclaredType> declared = new ArrayList<>();
    private int[] fieldIndex;

    ChunkSchema(
            Optional<String> timeKey,
            Optional<String> tagKey,
            Map<String, DeclaredType> declaredTypes) {
        timeKey.ifPresent(key -> add(key, Role.TIME, Scalar.TIMESTAMP, null));
        tagKey.ifPresent(key -> add(key, Role.TAG, Scalar.STRING, null));
        declaredTypes.forEach(
                (name, type) -> {
                    if (column(name) < 0 && !name.equals(RAW) && !name.equals(TYPE_ERROR)) {
                        add(name, Role.DECLARED, of(type), type);
                    }
                });
        if (!declaredTypes.isEmpty()) {
            add(RAW, Role.RAW, Scalar.STRING, null);
            add(TYPE_ERROR, Role.TYPE_ERROR, Scalar.STRING, null);
        }
    }

    /** The column of {@code name}, or -1. */
    int column(String name) {
        return index.getOrDefault(name, -1);
    }

    int size() {
        return names.size();
    }

    String name(int column) {
        return names.get(column);
    }

    Role role(int column) {
        return roles.get(column);
    }

    /** An observed column's type (its values', then once fixed the type it is written as). */
    FieldType type(int column) {
        return types.get(column);
    }

    /** A declared column's declared type. */
    DeclaredType declared(int column) {
        return declared.get(column);
    }

    /** The column of {@code name}, added as an observed column (with no type yet) if the schema has none. */
    int columnFor(String name) {
        int column = column(name);
        if (column >= 0) {
            return column;
        }
        if (observedColumns >= MAX_COLUMNS && rawColumns()) {
            return add(name, Role.OVERFLOW, Scalar.NONE, null);
        }
        observedColumns++;
        return add(name, Role.OBSERVED, Scalar.NONE, null);
    }

    /**
     * Whether {@code _raw} and {@code _type_error} are the schema's own columns, adding them if absent;
     * false when the records have fields of those names themselves (then nothing overflows into them).
     */
    private boolean rawColumns() {
        if (column(RAW) < 0 && column(TYPE_ERROR) < 0) {
            add(RAW, Role.RAW, Scalar.STRING, null);
            add(TYPE_ERROR, Role.TYPE_ERROR, Scalar.STRING, null);
        }
        return column(RAW) >= 0
                && roles.get(column(RAW)) == Role.RAW
                && column(TYPE_ERROR) >= 0
                && roles.get(column(TYPE_ERROR)) == Role.TYPE_ERROR;
    }

    /** Widens an observed column by the type of one value seen in it. */
    void observe(int column, FieldType seen) {
        types.set(column, TypeWidening.widen(types.get(column), seen));
    }

    /**
     * Fixes the observed columns' types: each column's values' type without what tells no type, then the
     * registry's say ({@link SchemaRegistry#fix}) when there is one. Call once, after every record was
     * observed and before {@link #messageType} or {@link #fieldIndex}.
     */
    void fix(Optional<SchemaRegistry> registry) throws IOException {
        Map<String, FieldType> seen = new LinkedHashMap<>();
        Set<String> emptyOnly = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            if (roles.get(c) == Role.OBSERVED) {
                if (types.get(c) == Scalar.EMPTY) {
                    emptyOnly.add(names.get(c));
                }
                FieldType pruned = prune(types.get(c));
                types.set(c, pruned == null ? Scalar.NONE : pruned);
                if (pruned != null) {
                    seen.put(names.get(c), pruned);
                }
            }
        }
        Map<String, FieldType> fixed =
                registry.isPresent() ? registry.get().fix(seen, emptyOnly) : seen;
        fieldIndex = new int[names.size()];
        Arrays.fill(fieldIndex, -1);
        int next = 0;
        for (int c = 0; c < names.size(); c++) {
            if (roles.get(c) == Role.OVERFLOW) {
                continue;
            }
            if (roles.get(c) == Role.OBSERVED) {
                FieldType type = fixed.get(names.get(c));
                if (type == null) {
                    continue;
                }
                types.set(c, type);
            }
            fieldIndex[c] = next++;
        }
    }

    /** The column's field in the Parquet schema, or -1 when the object leaves it out. */
    int fieldIndex(int column) {
        return fieldIndex[column];
    }

    /** The Parquet schema of the columns written. */
    MessageType messageType() {
        List<Type> fields = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) {
            if (fieldIndex[c] < 0) {
                continue;
            }
            fields.add(
                    roles.get(c) == Role.RAW
                            ? ParquetTypes.stringMap(names.get(c))
                            : ParquetTypes.field(names.get(c), types.get(c)));
        }
        return new MessageType("hakobu", fields);
    }

    /** {@code type} without members or elements that tell no type; null when nothing is left. */
    static FieldType prune(FieldType type) {
        if (type instanceof Struct s) {
            Map<String, FieldType> members = new LinkedHashMap<>();
            s.members()
                    .forEach(
                            (name, member) -> {
                                FieldType kept = prune(member);
                                if (kept != null) {
                                    members.put(name, kept);
                                }
                            });
            return members.isEmpty() ? null : new Struct(members);
        }
        if (type instanceof ListOf l) {
            FieldType element = prune(l.element());
            return element == null ? null : new ListOf(element);
        }
        return type == Scalar.NONE || type == Scalar.EMPTY ? null : type;
    }

    private static FieldType of(DeclaredType type) {
        return switch (type) {
            case STRING, JSON -> Scalar.STRING;
            case BIGINT -> Scalar.BIGINT;
            case DOUBLE -> Scalar.DOUBLE;
            case BOOLEAN -> Scalar.BOOLEAN;
            case TIMESTAMP -> Scalar.TIMESTAMP;
        };
    }

    private int add(String name, Role role, FieldType type, DeclaredType declaredType) {
        int column = names.size();
        index.put(name, column);
        names.add(name);
        roles.add(role);
        types.add(type);
        declared.add(declaredType);
        return column;
    }
}
