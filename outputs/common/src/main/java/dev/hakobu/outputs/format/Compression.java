package dev.hakobu.outputs.format;

import com.github.luben.zstd.ZstdOutputStream;
import dev.hakobu.encoding.RecordEncoding;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Compression of an object or file at rest, and the file-name extension that announces it. {@link #SNAPPY}
 * exists only inside formats that compress themselves (Parquet pages): snappy has no standard stream format for
 * a whole file that Athena or DuckDB would read, so {@link ObjectFormat#encoding(String, Compression)} refuses
 * it for the others.
 */
public enum Compression {
    NONE(""),
    GZIP(".gz"),
    ZSTD(".zst"),
    /** Only inside a format that compresses itself. */
    SNAPPY(""),
    /**
     * What an output's {@code compression:} is when left out: gzip for a format the output compresses (JSON
     * lines, the common ground of every reader), zstd for one that compresses itself (Parquet pages).
     * {@link #orDefaultFor} turns it into one of those when the output's config is built; it never reaches
     * {@link #wrap}.
     */
    AUTO("");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** This compression, or for {@link #AUTO} the one it stands for with {@code encoding}. */
    public Compression orDefaultFor(RecordEncoding encoding) {
        if (this != AUTO) {
            return this;
        }
        return encoding.compressesItself() ? ZSTD : GZIP;
    }

    /**
     * Wraps {@code out}; closing the result finishes the stream and closes {@code out}.
     * @param level gzip 1-9 or zstd 1-19; 0 means the codec's fast default (gzip 1... zstd 3 is slow, so 1)
     */
    public OutputStream wrap(OutputStream out, int level) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new LeveledGzip(out, level <= 0 ? Deflater.BEST_SPEED : level);
            case ZSTD -> new ZstdOutputStream(out, level <= 0 ? 1 : level);
            case SNAPPY ->
                    throw new IllegalStateException(
                            "snappy is only for a format that compresses itself (the config refuses it)");
            case AUTO ->
                    throw new IllegalStateException(
                            "auto is resolved when the output's config is built (orDefaultFor)");
        };
    }

    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(level);
        }
    }
}
