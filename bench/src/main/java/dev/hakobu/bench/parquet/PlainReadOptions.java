package dev.hakobu.bench.parquet;

import java.lang.reflect.Constructor;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;

/**
 * parquet-java read options without Hadoop on the classpath. {@code ParquetReadOptions.Builder}'s
 * constructor always makes Hadoop's codec factory and reads {@code ParquetInputFormat}'s defaults (both
 * {@code NoClassDefFoundError} without hadoop-common and hadoop-mapreduce), so the options are made with
 * the constructor the builder calls (package-private in parquet-java 1.18.2; argument order from its
 * {@code build()}). Bench only: the encoding never reads Parquet.
 */
final class PlainReadOptions {
    private static final int MAX_ALLOCATION = 8 << 20; // the builder's default

    private PlainReadOptions() {}

    /**
     * Options that filter row groups by statistics, dictionary and bloom filter, and pages by the column
     * index, for {@code filter}; pages decompressed with {@code codecs}.
     */
    static ParquetReadOptions filtering(
            CompressionCodecFactory codecs, FilterCompat.Filter filter) {
        try {
            Constructor<ParquetReadOptions> c =
                    ParquetReadOptions.class.getDeclaredConstructor(
                            boolean.class, // useSignedStringMinMax
                            boolean.class, // useStatsFilter
                            boolean.class, // useDictionaryFilter
                            boolean.class, // useRecordFilter
                            boolean.class, // useColumnIndexFilter
                            boolean.class, // usePageChecksumVerification
                            boolean.class, // useBloomFilter
                            boolean.class, // useOffHeapDecryptBuffer
                            boolean.class, // useHadoopVectoredIo
                            FilterCompat.Filter.class,
                            ParquetMetadataConverter.MetadataFilter.class,
                            CompressionCodecFactory.class,
                            ByteBufferAllocator.class,
                            int.class,
                            Map.class,
                            FileDecryptionProperties.class,
                            ParquetMetricsCallback.class,
                            ParquetConfiguration.class);
            c.setAccessible(true);
            ParquetReadOptions options =
                    c.newInstance(
                            false,
                            true,
                            true,
                            true,
                            true,
                            false,
                            true,
                            false,
                            false,
                            filter,
                            ParquetMetadataConverter.NO_FILTER,
                            codecs,
                            new HeapByteBufferAllocator(),
                            MAX_ALLOCATION,
                            Map.of(),
                            null,
                            null,
                            new PlainParquetConfiguration());
            if (!options.useStatsFilter()
                    || !options.useColumnIndexFilter()
                    || options.useSignedStringMinMax()) {
                throw new IllegalStateException("ParquetReadOptions' arguments moved: " + options);
            }
            return options;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "parquet-java's ParquetReadOptions constructor changed", e);
        }
    }

    /** Options that read everything. */
    static ParquetReadOptions all(CompressionCodecFactory codecs) {
        return filtering(codecs, FilterCompat.NOOP);
    }
}
