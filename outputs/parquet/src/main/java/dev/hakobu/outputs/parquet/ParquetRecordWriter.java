package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ColumnarOptions;
import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.RecordWriter;
import dev.hakobu.encoding.TagField;
import dev.hakobu.event.MalformedEventsException;
import dev.hakobu.event.MsgpackCursor;
import dev.hakobu.outputs.schema.FieldType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * One Parquet object. {@link #write} copies each record (msgpack) to the end of one buffer, with its event
 * time; {@link #close} puts them in {@code sort_by} order when set ({@link RowOrder}), then reads the buffer
 * twice, front to back: first to infer the columns ({@link ChunkSchema}, fixed with the output's {@link
 * SchemaRegistry} when it keeps one), then to write each record as a row ({@link RowWriteSupport}) into one file with
 * parquet-java, and closes the stream. Nothing reaches the stream before {@code close}, so an abandoned writer leaves it empty.
 */
final class ParquetRecordWriter implements RecordWriter {
    private final OutputStream out;
    private final EncodingContext context;
    private byte[] bytes = new byte[64 * 1024];
    private int used;
    private long[] times = new long[1024];
    private int count;

    ParquetRecordWriter(OutputStream out, EncodingContext context) {
        this.out = out;
        this.context = context;
    }

    @Override
    public int write(long epochNanos, byte[] buf, int off, int len) throws IOException {
        int end;
        try {
            end = MsgpackCursor.valueEnd(buf, off, off + len);
        } catch (MalformedEventsException e) {
            throw new IOException("a record is not well-formed msgpack: " + e.getMessage(), e);
        }
        int size = end - off;
        if (used + size > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + size));
        }
        if (count == times.length) {
            times = Arrays.copyOf(times, times.length * 2);
        }
        System.arraycopy(buf, off, bytes, used, size);
        times[count] = epochNanos;
        used += size;
        count++;
        return end;
    }

    @Override
    public void close() throws IOException {
        ColumnarOptions columnar = context.columnar();
        if (!columnar.sortBy().isEmpty()) {
            RowOrder.Rows rows = RowOrder.of(context).sort(bytes, used, times, count);
            bytes = rows.bytes();
            times = rows.times();
        }
        ChunkSchema schema =
                new ChunkSchema(
                        context.eventTime().map(EventTimeField::key),
                        context.tag().map(TagField::key),
                        columnar.types());
        FieldColumns fields = new FieldColumns(schema, bytes);
        ValueTypes values = new ValueTypes(columnar.nested() == NestedValues.STRUCT);
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes, 0, used)) {
            for (int i = 0; i < count; i++) {
                observeRecord(unpacker, schema, fields, values);
            }
        }
        schema.fix(registry(columnar));
        RowWriteSupport support =
                new RowWriteSupport(
                        schema, fields, bytes, context.tag().map(TagField::tag).orElse(null));
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes, 0, used);
                ParquetWriter<MessageUnpacker> writer =
                        new WriterSettings(context.columnar(), context.compression())
                                .apply(
                                        new RowWriterBuilder(new StreamOutputFile(out), support)
                                                .withConf(new PlainParquetConfiguration())
                                                .withCodecFactory(
                                                        new PlainCodecs(
                                                                context.compressionLevel())),
                                        schema,
                                        count)
                                .build()) {
            for (int i = 0; i < count; i++) {
                support.epochNanos = times[i];
                writer.write(unpacker);
            }
        }
    }

    /** Pass one: widens the schema by one record's fields, leaving the unpacker after the record. */
    private static void observeRecord(
            MessageUnpacker unpacker, ChunkSchema schema, FieldColumns fields, ValueTypes values)
            throws IOException {
        if (unpacker.getNextFormat().getValueType() != ValueType.MAP) {
            // kept whole, as its text (a string) or JSON: its shape is no column's
            unpacker.skipValue();
            schema.observe(schema.columnFor(ChunkSchema.NON_MAP_RECORD), FieldType.Scalar.STRING);
            return;
        }
        int size = unpacker.unpackMapHeader();
        for (int position = 0; position < size; position++) {
            int column = fields.next(unpacker, position);
            if (schema.role(column) == ChunkSchema.Role.OBSERVED) {
                schema.observe(column, values.read(unpacker));
            } else {
                unpacker.skipValue();
            }
        }
    }

    /** The output's schema registry, when it keeps one. */
    private static Optional<SchemaRegistry> registry(ColumnarOptions columnar) throws IOException {
        return columnar.schemaFile().isPresent()
                ? Optional.of(SchemaRegistry.shared(columnar.schemaFile().get()))
                : Optional.empty();
    }

    @Override
    public void abandon() {
        bytes = null;
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // the object is discarded; the caller reports the failure that led here
        }
    }

    private static final class RowWriterBuilder
            extends ParquetWriter.Builder<MessageUnpacker, RowWriterBuilder> {
        private final RowWriteSupport support;

        RowWriterBuilder(org.apache.parquet.io.OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected RowWriterBuilder self() {
            return this;
        }

        @Override
        protected RowWriteSupport getWriteSupport(
                org.apache.parquet.conf.ParquetConfiguration conf) {
            return support;
        }

        /** Never called: the builder is given a {@link PlainParquetConfiguration}, not Hadoop's. */
        @Override
        protected RowWriteSupport getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }
    }
}
