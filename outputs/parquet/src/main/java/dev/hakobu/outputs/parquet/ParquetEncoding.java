package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.RecordEncoding;
import dev.hakobu.encoding.RecordWriter;
import java.io.OutputStream;

/**
 * {@code format: parquet}: one Parquet file per object, compressed inside (zstd by default; the output's
 * {@code compression: none} writes it uncompressed, {@code gzip} and {@code snappy} use Parquet's codecs). Columns come
 * from the fields of the object's records ({@link ChunkSchema}); the writer holds the object's records until
 * {@code close}, which a chunk's bound (a few MiB) keeps small.
 */
public final class ParquetEncoding implements RecordEncoding {
    public static final String NAME = "parquet";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return ".parquet";
    }

    @Override
    public String contentType() {
        return "application/vnd.apache.parquet";
    }

    @Override
    public boolean compressesItself() {
        return true;
    }

    @Override
    public RecordWriter open(OutputStream out, EncodingContext context) {
        return new ParquetRecordWriter(out, context);
    }
}
