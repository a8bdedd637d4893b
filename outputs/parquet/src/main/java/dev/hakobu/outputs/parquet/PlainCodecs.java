package dev.hakobu.outputs.parquet;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression without Hadoop: parquet-java's own {@code CodecFactory} builds a Hadoop
 * {@code Configuration} for every codec but "uncompressed", which would pull hadoop-common and its XML
 * parser onto the classpath. These compress each page with zstd-jni, the JDK's gzip or aircompressor's
 * pure-Java snappy, which is what the Parquet format asks for (a zstd frame, a gzip member or a raw snappy
 * block per page). Pure-Java snappy, not snappy-java: that one extracts a native library into {@code
 * java.io.tmpdir}, which the aggregator's systemd unit sandboxes. Write only.
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
            case SNAPPY -> new Compressor(codec, PlainCodecs::snappy);
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

    /** One raw snappy block (Parquet's SNAPPY pages are not framed). */
    private static byte[] snappy(byte[] bytes) {
        SnappyCompressor snappy = new SnappyCompressor();
        byte[] out = new byte[snappy.maxCompressedLength(bytes.length)];
        int size = snappy.compress(bytes, 0, bytes.length, out, 0, out.length);
        return Arrays.copyOf(out, size);
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
