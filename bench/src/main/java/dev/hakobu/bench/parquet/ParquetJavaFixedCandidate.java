package dev.hakobu.bench.parquet;

import com.github.luben.zstd.Zstd;
import dev.hakobu.event.EntryReader;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * parquet-java's own cost, on the same terms as {@link DuckDbCandidate}: S1's columns known in advance,
 * each record decoded once, straight into the record consumer; no schema inference. The gap to {@link
 * ParquetJavaCandidate} is what the encoding's inference and value objects cost, not the library.
 */
final class ParquetJavaFixedCandidate implements ParquetChoiceBench.Candidate {
    private static final String[] COLUMNS = {
        "timestamp", "camera_id", "api", "method", "parameter", "user", "ua"
    };
    private static final MessageType SCHEMA =
            MessageTypeParser.parseMessageType(
                    "message s1 { optional int64 time (TIMESTAMP(MICROS,true));"
                            + " optional binary timestamp (STRING); optional binary camera_id (STRING);"
                            + " optional binary api (STRING); optional binary method (STRING);"
                            + " optional binary parameter (STRING); optional binary user (STRING);"
                            + " optional binary ua (STRING); }");
    private final java.nio.file.Path file;

    ParquetJavaFixedCandidate(java.nio.file.Path dir) {
        this.file = dir.resolve("fixed.parquet");
    }

    @Override
    public void encode(Chunk chunk, OutputStream out) throws Exception {
        Support support = new Support();
        try (ParquetWriter<byte[]> writer =
                new Builder(new LocalOutputFile(file), support)
                        .withConf(new PlainParquetConfiguration())
                        .withCodecFactory(new Codecs())
                        .withCompressionCodec(CompressionCodecName.ZSTD)
                        .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                        .build()) {
            EntryReader.parse(
                    chunk.entries(),
                    chunk.offset(),
                    chunk.length(),
                    (nanos, buf, off, limit) -> {
                        support.nanos = nanos;
                        support.buf = buf;
                        support.off = off;
                        support.limit = limit;
                        try {
                            writer.write(buf);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return support.end;
                    });
        }
        try (out) {
            java.nio.file.Files.copy(file, out);
        }
    }

    private static final class Support extends WriteSupport<byte[]> {
        long nanos;
        byte[] buf;
        int off;
        int limit;
        int end;
        private final byte[][] slots = new byte[COLUMNS.length][];
        private RecordConsumer consumer;

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            consumer = recordConsumer;
        }

        @Override
        public void write(byte[] ignored) {
            java.util.Arrays.fill(slots, null);
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, limit - off)) {
                int fields = u.unpackMapHeader();
                for (int i = 0; i < fields; i++) {
                    int column = column(u.unpackString());
                    if (u.getNextFormat().getValueType() == ValueType.NIL) {
                        u.unpackNil();
                    } else if (column < 0) {
                        u.skipValue();
                    } else {
                        slots[column] = u.readPayload(u.unpackRawStringHeader());
                    }
                }
                end = off + (int) u.getTotalReadBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            consumer.startMessage();
            consumer.startField("time", 0);
            consumer.addLong(Math.floorDiv(nanos, 1000L));
            consumer.endField("time", 0);
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null) {
                    consumer.startField(COLUMNS[i], i + 1);
                    consumer.addBinary(Binary.fromConstantByteArray(slots[i]));
                    consumer.endField(COLUMNS[i], i + 1);
                }
            }
            consumer.endMessage();
        }

        private static int column(String key) {
            for (int i = 0; i < COLUMNS.length; i++) {
                if (COLUMNS[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final class Builder extends ParquetWriter.Builder<byte[], Builder> {
        private final Support support;

        Builder(org.apache.parquet.io.OutputFile file, Support support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<byte[]> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }

        @Override
        protected WriteSupport<byte[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }
    }

    /** zstd pages without Hadoop (as the encoding's own codec factory does). */
    private static final class Codecs implements CompressionCodecFactory {
        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            return new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Zstd.compress(bytes.toByteArray(), 3));
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return CompressionCodecName.ZSTD;
                }

                @Override
                public void release() {}
            };
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release() {}
    }
}
