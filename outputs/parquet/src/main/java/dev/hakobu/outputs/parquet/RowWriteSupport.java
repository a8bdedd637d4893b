package dev.hakobu.outputs.parquet;

import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueType;

/**
 * Pass two: reads the next record from the unpacker over the held records and writes it as one Parquet
 * record of the fixed {@link ChunkSchema}: the event time ({@link #epochNanos}, set before each row), the
 * tag, the declared columns (a value that does not fit goes to {@code _raw} with its reason in {@code
 * _type_error}, after what the record had there), then each observed field the record has, in column
 * order; a missing or null field is left out (null). Top-level strings are passed to parquet-java as slices
 * of the held bytes, not copied; nested values are decoded and written by {@link NestedCells}.
 */
final class RowWriteSupport extends WriteSupport<MessageUnpacker> {
    private static final byte ABSENT = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte TEXT = 4;
    private static final byte OBJECT = 5;

    private final ChunkSchema schema;
    private final FieldColumns fields;
    private final byte[] bytes;
    private final Binary tag;
    private final byte[] kinds;
    private final long[] longs;
    private final double[] doubles;
    private final Binary[] texts;
    private final Object[] objects;
    private final Map<String, String> raw = new LinkedHashMap<>();
    private final List<String[]> misfits = new ArrayList<>();

    /** Fields of this record past {@link ChunkSchema#MAX_COLUMNS}, kept in {@code _raw}. */
    private final List<String> overflow = new ArrayList<>();

    private String recordReasons;
    private RecordConsumer consumer;
    private NestedCells nested;

    /** The event time of the next record written. */
    long epochNanos;

    RowWriteSupport(ChunkSchema schema, FieldColumns fields, byte[] bytes, String tag) {
        this.schema = schema;
        this.fields = fields;
        this.bytes = bytes;
        this.tag = tag == null ? null : Binary.fromString(tag);
        int n = schema.size();
        this.kinds = new byte[n];
        this.longs = new long[n];
        this.doubles = new double[n];
        this.texts = new Binary[n];
        this.objects = new Object[n];
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema.messageType(), Map.of("writer", "hakobu"));
    }

    /** Never called: the writer is built with a {@link ParquetConfiguration}, not Hadoop's. */
    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(schema.messageType(), Map.of("writer", "hakobu"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
        this.nested = new NestedCells(recordConsumer);
    }

    @Override
    public void write(MessageUnpacker unpacker) {
        try {
            read(unpacker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        consumer.startMessage();
        for (int column = 0; column < kinds.length; column++) {
            int field = schema.fieldIndex(column);
            if (field < 0) {
                continue;
            }
            switch (schema.role(column)) {
                case TIME -> {
                    start(column, field);
                    consumer.addLong(Math.floorDiv(epochNanos, 1000L));
                }
                case TAG -> {
                    start(column, field);
                    consumer.addBinary(tag);
                }
                case RAW -> {
                    if (raw.isEmpty()) {
                        continue;
                    }
                    start(column, field);
                    nested.stringMap(raw);
                }
                case TYPE_ERROR -> {
                    if (recordReasons == null && misfits.isEmpty() && overflow.isEmpty()) {
                        continue;
                    }
                    start(column, field);
                    consumer.addBinary(Binary.fromString(reasons()));
                }
                default -> {
                    if (kinds[column] == ABSENT) {
                        continue;
                    }
                    start(column, field);
                    cell(column);
                }
            }
            consumer.endField(schema.name(column), field);
        }
        consumer.endMessage();
    }

    private void start(int column, int field) {
        consumer.startField(schema.name(column), field);
    }

    private void cell(int column) {
        FieldType type = schema.type(column);
        switch (kinds[column]) {
            case LONG -> {
                if (type == Scalar.DOUBLE) {
                    consumer.addDouble(longs[column]);
                } else if (type == Scalar.STRING) {
                    consumer.addBinary(Binary.fromString(Long.toString(longs[column])));
                } else {
                    consumer.addLong(longs[column]);
                }
            }
            case DOUBLE -> consumer.addDouble(doubles[column]);
            case BOOLEAN -> consumer.addBoolean(longs[column] != 0);
            case TEXT -> consumer.addBinary(texts[column]);
            default -> {
                Object value = objects[column];
                if (value instanceof Value v) {
                    nested.write(v, type);
                } else if (value instanceof String s) {
                    consumer.addBinary(Binary.fromString(s));
                } else if (value instanceof Long l) {
                    consumer.addLong(l);
                } else if (value instanceof Double d) {
                    consumer.addDouble(d);
                } else {
                    consumer.addBoolean((Boolean) value);
                }
            }
        }
    }

    /** The record's own {@code _type_error}, then one reason per misfit of this record. */
    private String reasons() {
        StringBuilder out = new StringBuilder(recordReasons == null ? "" : recordReasons);
        for (String[] misfit : misfits) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(
                    DeclaredValues.reason(
                            misfit[0], misfit[1], schema.declared(schema.column(misfit[0]))));
        }
        for (String name : overflow) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(name)
                    .append(": past ")
                    .append(ChunkSchema.MAX_COLUMNS)
                    .append(" columns in this object, kept in _raw");
        }
        return out.toString();
    }

    private void read(MessageUnpacker unpacker) throws IOException {
        java.util.Arrays.fill(kinds, ABSENT);
        raw.clear();
        misfits.clear();
        overflow.clear();
        recordReasons = null;
        if (unpacker.getNextFormat().getValueType() != ValueType.MAP) {
            readObserved(unpacker, schema.column(ChunkSchema.NON_MAP_RECORD));
            return;
        }
        int size = unpacker.unpackMapHeader();
        for (int position = 0; position < size; position++) {
            int column = fields.next(unpacker, position);
            switch (schema.role(column)) {
                case TIME, TAG -> unpacker.skipValue();
                case DECLARED -> readDeclared(unpacker, column);
                case RAW -> readRaw(unpacker.unpackValue());
                case TYPE_ERROR -> {
                    Value v = unpacker.unpackValue();
                    recordReasons = v.isNilValue() ? null : DeclaredValues.original(v);
                }
                case OVERFLOW -> {
                    Value v = unpacker.unpackValue();
                    if (!v.isNilValue()) {
                        overflow.add(schema.name(column));
                        raw.putIfAbsent(schema.name(column), DeclaredValues.original(v));
                    }
                }
                default -> readObserved(unpacker, column);
            }
        }
        for (String[] misfit : misfits) {
            raw.putIfAbsent(misfit[0], misfit[1]);
        }
    }

    private void readDeclared(MessageUnpacker unpacker, int column) throws IOException {
        Value v = unpacker.unpackValue();
        if (v.isNilValue()) {
            return;
        }
        Object cell = DeclaredValues.cell(schema.declared(column), v);
        if (cell == DeclaredValues.MISFIT) {
            misfits.add(new String[] {schema.name(column), DeclaredValues.original(v)});
            return;
        }
        kinds[column] = OBJECT;
        objects[column] = cell;
    }

    /** The record's own {@code _raw}: a map's members (text, or JSON), anything else under {@code _raw}. */
    private void readRaw(Value v) {
        if (v.isMapValue()) {
            for (Map.Entry<Value, Value> e : v.asMapValue().entrySet()) {
                if (!e.getValue().isNilValue()) {
                    raw.put(
                            DeclaredValues.original(e.getKey()),
                            DeclaredValues.original(e.getValue()));
                }
            }
        } else if (!v.isNilValue()) {
            raw.put(ChunkSchema.RAW, DeclaredValues.original(v));
        }
    }

    /** Reads one observed value into its column's slot; the column's type admits it (fix made it so). */
    private void readObserved(MessageUnpacker unpacker, int column) throws IOException {
        ValueType valueType = unpacker.getNextFormat().getValueType();
        if (valueType == ValueType.NIL || schema.fieldIndex(column) < 0) {
            unpacker.skipValue();
            return;
        }
        FieldType type = schema.type(column);
        if (type == Scalar.BOOLEAN && valueType == ValueType.BOOLEAN) {
            kinds[column] = BOOLEAN;
            longs[column] = unpacker.unpackBoolean() ? 1 : 0;
        } else if (valueType == ValueType.INTEGER
                && (type == Scalar.BIGINT || type == Scalar.DOUBLE)) {
            kinds[column] = LONG;
            longs[column] = unpacker.unpackLong();
        } else if (valueType == ValueType.FLOAT && type == Scalar.DOUBLE) {
            kinds[column] = DOUBLE;
            doubles[column] = unpacker.unpackDouble();
        } else if (valueType == ValueType.STRING && type == Scalar.STRING) {
            int len = unpacker.unpackRawStringHeader();
            int off = (int) unpacker.getTotalReadBytes();
            unpacker.readPayloadAsReference(len);
            kinds[column] = TEXT;
            // "reused": parquet-java copies what it keeps (a dictionary key, a min or max) into a
            // small array of its own, instead of keeping a slice of the whole held chunk, whose
            // scattered bytes made every dictionary lookup a cache miss (JFR: Binary.equals)
            texts[column] = Binary.fromReusedByteArray(bytes, off, len);
        } else {
            kinds[column] = OBJECT;
            objects[column] = unpacker.unpackValue();
        }
    }
}
