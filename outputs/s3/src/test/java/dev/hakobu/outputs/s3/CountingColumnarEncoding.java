package dev.hakobu.outputs.s3;

import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.RecordEncoding;
import dev.hakobu.encoding.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * {@code format: counted}, shaped like Parquet for the S3 tests: compresses itself, holds every record of
 * the object and writes one line at close ({@code "<n> records, <codec>"}).
 */
public final class CountingColumnarEncoding implements RecordEncoding {
    @Override
    public String name() {
        return "counted";
    }

    @Override
    public String extension() {
        return ".counted";
    }

    @Override
    public String contentType() {
        return "application/vnd.hakobu.counted";
    }

    @Override
    public boolean compressesItself() {
        return true;
    }

    @Override
    public RecordWriter open(OutputStream out, EncodingContext context) {
        return new RecordWriter() {
            private int records;

            @Override
            public int write(long epochNanos, byte[] buf, int off, int len) throws IOException {
                try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(buf, off, len)) {
                    unpacker.skipValue();
                    records++;
                    return off + (int) unpacker.getTotalReadBytes();
                }
            }

            @Override
            public void close() throws IOException {
                out.write(
                        (records + " records, " + context.compression() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                out.close();
            }
        };
    }
}
