package dev.hakobu.bench.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page codecs both ways (zstd-jni at level 3, the JDK's gzip, none) for the bench's reads and rewrites of
 * Parquet objects without Hadoop: parquet-java's own factory needs a Hadoop {@code Configuration}, and the
 * encoding's {@code PlainCodecs} only compresses. Reading is needed for dictionary pages (the row-group
 * dictionary filter) and for rewriting an object with other page settings.
 */
final class PageCodecs implements CompressionCodecFactory {
    private static final int ZSTD_LEVEL =
            3; // zstd's default, as the encoding's compression_level: 0

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput page) throws IOException {
                byte[] bytes = page.toByteArray();
                return switch (codec) {
                    case UNCOMPRESSED -> BytesInput.from(bytes);
                    case ZSTD -> BytesInput.from(Zstd.compress(bytes, ZSTD_LEVEL));
                    case GZIP -> BytesInput.from(gzip(bytes));
                    default -> throw new IllegalArgumentException("no codec for " + codec);
                };
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize)
                    throws IOException {
                return BytesInput.from(inflate(codec, bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(
                    ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(inflate(codec, in, decompressedSize));
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public void release() {}

    private static byte[] inflate(CompressionCodecName codec, byte[] in, int size)
            throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> in;
            case ZSTD -> Zstd.decompress(in, size);
            case GZIP -> {
                try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in))) {
                    yield gzip.readNBytes(size);
                }
            }
            default -> throw new IllegalArgumentException("no codec for " + codec);
        };
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
