package dev.hakobu.outputs.format;

import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.RecordEncoding;
import dev.hakobu.encoding.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Shaped like Parquet: compresses itself, holds every record until close, then writes one block that
 * says how many records it saw and which codec the output asked for. Not registered; tests pass it in.
 */
final class HoldingEncoding implements RecordEncoding {
    /** What every writer did, in order, for tests to check. */
    final List<String> events = new ArrayList<>();

    @Override
    public String name() {
        return "held";
    }

    @Override
    public String extension() {
        return ".held";
    }

    @Override
    public String contentType() {
        return "application/octet-stream";
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
                records++;
                return off + length(buf, off, len);
            }

            @Override
            public void close() throws IOException {
                out.write(
                        (records
                                        + " records, "
                                        + context.compression()
                                        + " level "
                                        + context.compressionLevel()
                                        + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                out.close();
                events.add("closed");
            }

            @Override
            public void abandon() {
                events.add("abandoned with " + records + " held");
            }
        };
    }

    /** The length of the msgpack value at {@code off}. */
    private static int length(byte[] buf, int off, int len) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(buf, off, len)) {
            unpacker.skipValue();
            return (int) unpacker.getTotalReadBytes();
        }
    }
}
