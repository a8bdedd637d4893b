package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.RecordWriter;
import dev.hakobu.encoding.TagField;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * One Parquet object. {@link #write} copies each record (msgpack) into a buffer; {@link #close} infers the
 * columns from every held record ({@link ChunkSchema}), then writes them as one file with parquet-java and
 * closes the stream. Nothing reaches the stream before {@code close}, so an abandoned writer leaves it empty.
 */
final class ParquetRecordWriter implements RecordWriter {
    private final OutputStream out;
    private final EncodingContext context;
    private byte[] bytes = new byte[64 * 1024];
    private int used;
    private int[] offsets = new int[1024];
    private long[] times = new long[1024];
    private int count;

    ParquetRecordWriter(OutputStream out, EncodingContext context) {
        this.out = out;
        this.context = context;
    }

    @Override
    public int write(long epochNanos, byte[] buf, int off, int len) throws IOException {
        int end;
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(buf, off, len)) {
            unpacker.skipValue();
            end = off + (int) unpacker.getTotalReadBytes();
        }
        int size = end - off;
        if (used + size > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + size));
        }
        if (count + 1 >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            times = Arrays.copyOf(times, times.length * 2);
        }
        System.arraycopy(buf, off, bytes, used, size);
        offsets[count] = used;
        times[count] = epochNanos;
        used += size;
        count++;
        offsets[count] = used;
        return end;
    }

    @Override
    public void close() throws IOException {
        ChunkSchema schema =
                new ChunkSchema(
                        context.eventTime().map(EventTimeField::key),
                        context.tag().map(TagField::key));
        for (int i = 0; i < count; i++) {
            Value record = record(i);
            if (record.isMapValue()) {
                for (Map.Entry<Value, Value> field : record.asMapValue().entrySet()) {
                    schema.observe(fieldName(field.getKey()), field.getValue());
                }
            } else {
                schema.observe(ChunkSchema.NON_MAP_RECORD, record);
            }
        }
        CompressionCodecName codec = codec(context.compression());
        RowWriteSupport support =
                new RowWriteSupport(schema, context.tag().map(TagField::tag).orElse(null));
        try (ParquetWriter<Row> writer =
                new RowWriterBuilder(new StreamOutputFile(out), support)
                        .withConf(new PlainParquetConfiguration())
                        .withCodecFactory(new PlainCodecs(context.compressionLevel()))
                        .withCompressionCodec(codec)
                        .withDictionaryEncoding(true)
                        .build()) {
            Row row = new Row();
            for (int i = 0; i < count; i++) {
                row.epochNanos = times[i];
                row.record = record(i);
                writer.write(row);
            }
        }
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

    private Value record(int i) throws IOException {
        try (MessageUnpacker unpacker =
                MessagePack.newDefaultUnpacker(bytes, offsets[i], offsets[i + 1] - offsets[i])) {
            return unpacker.unpackValue();
        }
    }

    static String fieldName(Value key) {
        return key.isStringValue() ? key.asStringValue().asString() : key.toJson();
    }

    private static CompressionCodecName codec(String compression) {
        return switch (compression.toLowerCase(Locale.ROOT)) {
            case "none" -> CompressionCodecName.UNCOMPRESSED;
            case "gzip" -> CompressionCodecName.GZIP;
            default -> CompressionCodecName.ZSTD;
        };
    }

    /** One record on its way to parquet-java; reused for every row. */
    static final class Row {
        long epochNanos;
        Value record;
    }

    private static final class RowWriterBuilder
            extends ParquetWriter.Builder<Row, RowWriterBuilder> {
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
