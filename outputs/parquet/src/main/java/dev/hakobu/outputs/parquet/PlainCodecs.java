package dev.hakobu.outputs.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression without Hadoop: parquet-java's own {@code CodecFactory} builds a Hadoop
 * {@code Configuration} for every codec but "uncompressed", which would pull hadoop-common and its XML
 * parser onto the classpath. These compress each page with zstd-jni or the JDK's gzip, which is what the
 * Parquet format asks for (a zstd frame or a gzip member per page). Write only. Snappy would be snappy-java's
 * raw block, once the outputs' {@code compression:} offers it.
 */
final class PlainCodecs implements CompressionCodecFactory {
    private final int zstdLevel;

    /** @param zstdLevel the zstd level; 0 is zstd's default (3) */
    PlainCodecs(int zstdLevel) {
        this.zstdLevel = zstdLevel == 0 ? Zstd.defaultCompressionLevel() : zstdLevel;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec, bytes -> bytes);
            case ZSTD -> new Compressor(codec, bytes -> Zstd.compress(bytes, zstdLevel));
            case GZIP -> new Compressor(codec, PlainCodecs::gzip);
            default -> throw new IllegalArgumentException("no codec for " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("write only");
    }

    @Override
    public void release() {}

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private interface Codec {
        byte[] compress(byte[] bytes) throws IOException;
    }

    private record Compressor(CompressionCodecName name, Codec codec)
            implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput page) throws IOException {
            return BytesInput.from(codec.compress(page.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return name;
        }

        @Override
        public void release() {}
    }
}
