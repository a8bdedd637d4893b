package dev.hakobu.outputs.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Pass two: reads the next record from the unpacker over the held records and writes it as one Parquet
 * record of the {@link ChunkSchema}: the event time ({@link #epochNanos}, set before each row), the tag, then
 * each field the record has, in column order; a missing or null field is left out (null). Strings are
 * passed to parquet-java as slices of the held bytes, not copied.
 */
final class RowWriteSupport extends WriteSupport<MessageUnpacker> {
    private final ChunkSchema schema;
    private final FieldColumns fields;
    private final byte[] bytes;
    private final Binary tag;
    private final boolean[] present;
    private final long[] longs;
    private final double[] doubles;
    private final Binary[] texts;
    private RecordConsumer consumer;

    /** The event time of the next record written. */
    long epochNanos;

    RowWriteSupport(ChunkSchema schema, FieldColumns fields, byte[] bytes, String tag) {
        this.schema = schema;
        this.fields = fields;
        this.bytes = bytes;
        this.tag = tag == null ? null : Binary.fromString(tag);
        int n = schema.size();
        this.present = new boolean[n];
        this.longs = new long[n];
        this.doubles = new double[n];
        this.texts = new Binary[n];
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
    }

    @Override
    public void write(MessageUnpacker unpacker) {
        try {
            read(unpacker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        consumer.startMessage();
        for (int column = 0; column < present.length; column++) {
            ColumnType type = schema.type(column);
            if (type == ColumnType.TIMESTAMP) {
                field(column);
                consumer.addLong(Math.floorDiv(epochNanos, 1000L));
            } else if (schema.isTag(column)) {
                field(column);
                consumer.addBinary(tag);
            } else if (!present[column]) {
                continue;
            } else {
                field(column);
                switch (type) {
                    case BOOLEAN -> consumer.addBoolean(longs[column] != 0);
                    case LONG -> consumer.addLong(longs[column]);
                    case DOUBLE -> consumer.addDouble(doubles[column]);
                    default -> consumer.addBinary(texts[column]);
                }
            }
            consumer.endField(schema.name(column), column);
        }
        consumer.endMessage();
    }

    private void field(int column) {
        consumer.startField(schema.name(column), column);
    }

    private void read(MessageUnpacker unpacker) throws IOException {
        Arrays.fill(present, false);
        if (unpacker.getNextFormat().getValueType() != ValueType.MAP) {
            readValue(unpacker, schema.column(ChunkSchema.NON_MAP_RECORD));
            return;
        }
        int size = unpacker.unpackMapHeader();
        for (int position = 0; position < size; position++) {
            int column = fields.next(unpacker, position);
            if (schema.fixed(column)) {
                unpacker.skipValue();
            } else {
                readValue(unpacker, column);
            }
        }
    }

    /** Reads one value into its column's slot; the column's type admits it (pass one made it so). */
    private void readValue(MessageUnpacker unpacker, int column) throws IOException {
        ValueType valueType = unpacker.getNextFormat().getValueType();
        if (valueType == ValueType.NIL) {
            unpacker.unpackNil();
            present[column] = false;
            return;
        }
        present[column] = true;
        switch (schema.type(column)) {
            case BOOLEAN -> longs[column] = unpacker.unpackBoolean() ? 1 : 0;
            case LONG -> longs[column] = unpacker.unpackLong();
            case DOUBLE -> doubles[column] = unpacker.unpackDouble();
            default -> {
                if (valueType == ValueType.STRING) {
                    int len = unpacker.unpackRawStringHeader();
                    int off = (int) unpacker.getTotalReadBytes();
                    unpacker.readPayloadAsReference(len);
                    texts[column] = Binary.fromConstantByteArray(bytes, off, len);
                } else {
                    texts[column] = Binary.fromString(unpacker.unpackValue().toJson());
                }
            }
        }
    }
}
