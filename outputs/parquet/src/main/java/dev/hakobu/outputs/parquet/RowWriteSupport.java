package dev.hakobu.outputs.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.msgpack.value.Value;

/**
 * Writes one {@link ParquetRecordWriter.Row} as one Parquet record of the {@link ChunkSchema}: the event time,
 * the tag, then each field the record has, in column order; a missing or null field is left out (null).
 */
final class RowWriteSupport extends WriteSupport<ParquetRecordWriter.Row> {
    private final ChunkSchema schema;
    private final String tag;
    private final Value[] slots;
    private RecordConsumer consumer;

    RowWriteSupport(ChunkSchema schema, String tag) {
        this.schema = schema;
        this.tag = tag;
        this.slots = new Value[schema.size()];
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
    public void write(ParquetRecordWriter.Row row) {
        Arrays.fill(slots, null);
        if (row.record.isMapValue()) {
            for (Map.Entry<Value, Value> field : row.record.asMapValue().entrySet()) {
                slots[schema.column(ParquetRecordWriter.fieldName(field.getKey()))] =
                        field.getValue();
            }
        } else {
            slots[schema.column(ChunkSchema.NON_MAP_RECORD)] = row.record;
        }
        consumer.startMessage();
        for (int column = 0; column < slots.length; column++) {
            ColumnType type = schema.type(column);
            if (type == ColumnType.TIMESTAMP) {
                consumer.startField(schema.name(column), column);
                consumer.addLong(Math.floorDiv(row.epochNanos, 1000L));
                consumer.endField(schema.name(column), column);
                continue;
            }
            if (schema.isTag(column)) {
                consumer.startField(schema.name(column), column);
                consumer.addBinary(Binary.fromString(tag));
                consumer.endField(schema.name(column), column);
                continue;
            }
            Value value = slots[column];
            if (value == null || value.isNilValue()) {
                continue;
            }
            consumer.startField(schema.name(column), column);
            switch (type) {
                case BOOLEAN -> consumer.addBoolean(value.asBooleanValue().getBoolean());
                case LONG -> consumer.addLong(value.asIntegerValue().toLong());
                case DOUBLE -> consumer.addDouble(value.asFloatValue().toDouble());
                default -> consumer.addBinary(text(value));
            }
            consumer.endField(schema.name(column), column);
        }
        consumer.endMessage();
    }

    private static Binary text(Value value) {
        if (value.isStringValue()) {
            return Binary.fromConstantByteArray(value.asStringValue().asByteArray());
        }
        return Binary.fromConstantByteArray(value.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
