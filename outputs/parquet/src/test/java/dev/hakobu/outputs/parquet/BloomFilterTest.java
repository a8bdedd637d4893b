package dev.hakobu.outputs.parquet;

import static dev.hakobu.outputs.parquet.ParquetObjects.chunk;
import static dev.hakobu.outputs.parquet.ParquetObjects.open;
import static dev.hakobu.outputs.parquet.ParquetObjects.query;
import static dev.hakobu.outputs.parquet.ParquetObjects.sortAndBloom;
import static dev.hakobu.outputs.parquet.ParquetObjects.write;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code bloom_filter_columns}: a filter per named string or bigint column, sized for the object. */
class BloomFilterTest {
    @TempDir Path dir;

    private static List<Map<String, Object>> requests() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("request_id", "req-" + i * 7919);
            record.put("user_id", 100_000L + i);
            record.put("latency", i / 10.0);
            record.put("params", Map.of("q", i));
            records.add(record);
        }
        return records;
    }

    @Test
    void namedStringAndBigintColumnsGetAFilterThatTellsPresentFromAbsentValues() throws Exception {
        Path file =
                write(
                        dir.resolve("b.parquet"),
                        "zstd",
                        sortAndBloom(List.of(), List.of("request_id", "user_id"), 20_000),
                        requests());

        try (ParquetFileReader reader = open(file)) {
            BloomFilter requestIds = reader.readBloomFilter(chunk(reader, 0, "request_id"));
            assertThat(requestIds).isNotNull();
            assertThat(
                            requestIds.findHash(
                                    requestIds.hash(Binary.fromString("req-" + 1234 * 7919))))
                    .isTrue();
            assertThat(requestIds.findHash(requestIds.hash(Binary.fromString("req-1")))).isFalse();
            // sized for 2,000 distinct values at 1% false positives, not parquet-java's 1MiB
            assertThat(requestIds.getBitsetSize()).isEqualTo(4096);

            BloomFilter userIds = reader.readBloomFilter(chunk(reader, 0, "user_id"));
            assertThat(userIds.findHash(userIds.hash(101_999L))).isTrue();
            assertThat(userIds.findHash(userIds.hash(99_999L))).isFalse();

            assertThat(reader.readBloomFilter(chunk(reader, 0, "latency"))).isNull();
            assertThat(reader.readBloomFilter(chunk(reader, 0, "time"))).isNull();
        }
        assertThat(query("SELECT count(*) FROM '" + file + "' WHERE request_id = 'req-0'"))
                .containsExactly("1");
    }

    @Test
    void aNamedColumnThatIsNotAStringOrBigintOrNotThereIsSkippedAndLoggedOnce() throws Exception {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(WriterSettings.class);
        lines.start();
        logger.addAppender(lines);
        try {
            for (String name : List.of("a.parquet", "b.parquet")) {
                Path file =
                        write(
                                dir.resolve(name),
                                "zstd",
                                sortAndBloom(
                                        List.of(),
                                        List.of("latency", "params", "nowhere", "time"),
                                        20_000),
                                requests());
                try (ParquetFileReader reader = open(file)) {
                    for (String column :
                            List.of("time", "request_id", "user_id", "latency", "params.q")) {
                        assertThat(reader.readBloomFilter(chunk(reader, 0, column)))
                                .as(column)
                                .isNull();
                    }
                }
                assertThat(query("SELECT count(*) FROM '" + file + "'")).containsExactly("2000");
            }
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "parquet.bloom_filter_columns: latency is a double column, not string or bigint; no bloom filter for it",
                        "parquet.bloom_filter_columns: params is a struct column, not string or bigint; no bloom filter for it",
                        "parquet.bloom_filter_columns: nowhere is not a top-level field of the records; no bloom filter for it",
                        "parquet.bloom_filter_columns: time is a timestamp column, not string or bigint; no bloom filter for it");
    }
}
