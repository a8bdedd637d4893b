package dev.hakobu.outputs.parquet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The columns of one object, from the fields its records have: the event time first (a timestamp column,
 * when the output writes one), the tag next (when the output writes one), then every other top-level field
 * in the order it first appears. A field's type is the type of its non-null values; a field seen with two
 * types, or an integer beyond a signed long, is a string column holding each value's JSON; maps and arrays
 * are their JSON text. Every column is optional: a record without the field stores null.
 */
final class ChunkSchema {
    /** The column a record that is not a map goes to, as its JSON. */
    static final String NON_MAP_RECORD = "record";

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<ColumnType> types = new ArrayList<>();
    private final List<Boolean> typed = new ArrayList<>();
    private final List<Boolean> fixed = new ArrayList<>();
    private int tagColumn = -1;

    ChunkSchema(Optional<String> timeKey, Optional<String> tagKey) {
        timeKey.ifPresent(key -> add(key, ColumnType.TIMESTAMP, true));
        tagKey.ifPresent(key -> tagColumn = add(key, ColumnType.STRING, true));
    }

    /** The column of {@code name}, or -1. */
    int column(String name) {
        return index.getOrDefault(name, -1);
    }

    int size() {
        return names.size();
    }

    ColumnType type(int column) {
        return types.get(column);
    }

    /** The column of {@code name}, added (with no type yet) if the schema has none. */
    int columnFor(String name) {
        int column = column(name);
        return column >= 0 ? column : add(name, ColumnType.STRING, false);
    }

    /**
     * Widens a column by the type of one non-null value seen in it; a fixed column (time, tag) keeps its type.
     */
    void observe(int column, ColumnType seen) {
        if (fixed(column)) {
            return;
        }
        if (!typed.get(column)) {
            types.set(column, seen);
            typed.set(column, true);
        } else if (types.get(column) != seen) {
            types.set(column, ColumnType.STRING);
        }
    }

    /** True for the event time's and the tag's columns, which take no value from the records. */
    boolean fixed(int column) {
        return fixed.get(column);
    }

    /** The Parquet schema of the columns seen so far. */
    MessageType messageType() {
        List<Type> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            fields.add(types.get(i).parquetField(names.get(i)));
        }
        return new MessageType("hakobu", fields);
    }

    /** True for the tag's column, whose value is the chunk's tag whatever the record says. */
    boolean isTag(int column) {
        return column == tagColumn;
    }

    String name(int column) {
        return names.get(column);
    }

    private int add(String name, ColumnType type, boolean isFixed) {
        int column = names.size();
        index.put(name, column);
        names.add(name);
        types.add(type);
        typed.add(isFixed);
        fixed.add(isFixed);
        return column;
    }
}
