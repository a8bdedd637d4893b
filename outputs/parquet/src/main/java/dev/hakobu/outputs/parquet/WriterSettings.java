package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ColumnarOptions;
import dev.hakobu.outputs.schema.FieldType;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What parquet-java's writer is told besides the schema, from the output's {@code parquet:} section and
 * {@code compression:}: row group and page sizes, the page row limit, dictionary encoding, statistics with
 * the column and offset indexes (page-level min/max, which let readers skip pages), and bloom filters.
 *
 * <p>Statistics and the column index are always on: they are what lets Athena and DuckDB skip row groups and
 * pages. Both keep at most {@link #STATISTICS_BYTES} bytes of a string's min and max (parquet-java truncates
 * so that the bounds stay bounds), so a long message column does not bloat every footer.
 *
 * <p>A bloom filter column must be a top-level string or bigint column of the object; another name is
 * skipped and logged once per name and reason for the life of the process (not once per object). Its
 * expected distinct count is the object's row count, the most it can have, so the filter is sized for the
 * object rather than parquet-java's 1 MiB default.
 */
final class WriterSettings {
    /** Bytes of a string's min/max kept in the statistics and the column index. */
    static final int STATISTICS_BYTES = 64;

    /** parquet-java's default row count before it first checks a page's size and rows. */
    private static final int FIRST_PAGE_CHECK = 100;

    private static final Logger log = LoggerFactory.getLogger(WriterSettings.class);
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private final ColumnarOptions options;
    private final CompressionCodecName codec;

    /** @param compression the output's {@code compression:}, lower case */
    WriterSettings(ColumnarOptions options, String compression) {
        this.options = options;
        this.codec = codec(compression);
    }

    /** Applies the settings to {@code builder} for one object of {@code schema} and {@code rows} rows. */
    <B extends ParquetWriter.Builder<?, B>> B apply(B builder, ChunkSchema schema, long rows) {
        builder.withCompressionCodec(codec)
                .withRowGroupSize(options.rowGroupBytes())
                .withPageSize(options.pageBytes())
                .withPageRowCountLimit(options.pageRows())
                // parquet-java looks at a page first after this many rows (100): fewer page_rows
                // need it
                .withMinRowCountForPageSizeCheck(Math.min(FIRST_PAGE_CHECK, options.pageRows()))
                .withDictionaryEncoding(options.dictionary())
                .withStatisticsEnabled(true)
                .withStatisticsTruncateLength(STATISTICS_BYTES)
                .withColumnIndexTruncateLength(STATISTICS_BYTES);
        for (String name : options.bloomFilterColumns()) {
            String refused = bloomFilterRefusal(schema, name);
            if (refused == null) {
                builder.withBloomFilterEnabled(name, true)
                        .withBloomFilterNDV(name, Math.max(1, rows));
            } else if (warned.add(name + '\0' + refused)) {
                log.warn(
                        "parquet.bloom_filter_columns: {} {}; no bloom filter for it",
                        name,
                        refused);
            }
        }
        return builder;
    }

    /** Null when {@code name} can have a bloom filter in this object, else why not. */
    private static String bloomFilterRefusal(ChunkSchema schema, String name) {
        int column = schema.column(name);
        if (column < 0) {
            return "is not a top-level field of the records";
        }
        FieldType type = schema.type(column).resolved();
        if (type != FieldType.Scalar.STRING && type != FieldType.Scalar.BIGINT) {
            String kind =
                    type instanceof FieldType.Struct
                            ? "struct"
                            : type instanceof FieldType.ListOf ? "array" : type.text();
            return "is a " + kind + " column, not string or bigint";
        }
        return null;
    }

    private static CompressionCodecName codec(String compression) {
        return switch (compression.toLowerCase(Locale.ROOT)) {
            case "none" -> CompressionCodecName.UNCOMPRESSED;
            case "gzip" -> CompressionCodecName.GZIP;
            case "snappy" -> CompressionCodecName.SNAPPY;
            default -> CompressionCodecName.ZSTD;
        };
    }
}
