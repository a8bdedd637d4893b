package dev.hakobu.outputs.parquet;

import static dev.hakobu.outputs.parquet.ParquetObjects.chunk;
import static dev.hakobu.outputs.parquet.ParquetObjects.open;
import static dev.hakobu.outputs.parquet.ParquetObjects.query;
import static dev.hakobu.outputs.parquet.ParquetObjects.sizes;
import static dev.hakobu.outputs.parquet.ParquetObjects.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.encoding.ColumnarOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parquet: section's sizes, dictionary and statistics, and snappy, as the written footers show them. */
class WriterSettingsTest {
    @TempDir Path dir;

    /** {@code n} API calls over 50 cameras, each with a 1,000-byte message. */
    private static List<Map<String, Object>> calls(int n) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("camera_id", "camera" + (i % 50));
            record.put("status", 200 + i % 3);
            record.put("message", ("m" + i + " ").repeat(1000).substring(0, 1000));
            records.add(record);
        }
        return records;
    }

    /** {@link #calls} in one object. */
    private Path object(String name, String compression, ColumnarOptions options, int calls)
            throws Exception {
        return write(dir.resolve(name), compression, options, calls(calls));
    }

    private static ColumnarOptions dictionary(boolean on) {
        return sizes(128L << 20, 1 << 20, 20_000, on);
    }

    @Test
    void pagesHoldAtMostPageRowsAndEachHasMinAndMaxInTheColumnIndex() throws Exception {
        Path file = object("a.parquet", "zstd", sizes(128L << 20, 1 << 20, 100, true), 1000);

        try (ParquetFileReader reader = open(file)) {
            assertThat(reader.getRowGroups()).hasSize(1);
            ColumnChunkMetaData camera = chunk(reader, 0, "camera_id");
            OffsetIndex pages = reader.readOffsetIndex(camera);
            assertThat(pages.getPageCount()).isEqualTo(10);
            for (int page = 0; page < 10; page++) {
                assertThat(pages.getFirstRowIndex(page)).isEqualTo(page * 100L);
            }
            ColumnIndex index = reader.readColumnIndex(camera);
            assertThat(index.getMinValues()).hasSize(10);
            assertThat(text(index.getMinValues().get(0))).isEqualTo("camera0");
            assertThat(text(index.getMaxValues().get(0))).isEqualTo("camera9");
            ColumnIndex status = reader.readColumnIndex(chunk(reader, 0, "status"));
            assertThat(status.getMinValues().get(3).getLong(0)).isEqualTo(200);
            assertThat(status.getMaxValues().get(3).getLong(0)).isEqualTo(202);
        }
    }

    @Test
    void aSmallRowGroupSizeCutsTheObjectIntoSeveralRowGroups() throws Exception {
        Path file = object("a.parquet", "none", sizes(512 << 10, 16 << 10, 20_000, true), 2000);

        try (ParquetFileReader reader = open(file)) {
            List<BlockMetaData> groups = reader.getRowGroups();
            // 2MB of 1,000-byte messages, uncompressed: 4 row groups of about 512KiB
            assertThat(groups)
                    .extracting(BlockMetaData::getRowCount)
                    .containsExactly(506L, 506L, 506L, 482L);
            // pages of 16KiB, but parquet-java checks a page's size every 100 rows at the earliest
            OffsetIndex messages = reader.readOffsetIndex(chunk(reader, 0, "message"));
            assertThat(messages.getPageCount()).isEqualTo(6);
            assertThat(messages.getFirstRowIndex(5)).isEqualTo(500);
        }
        try (ParquetFileReader reader = open(object("b.parquet", "zstd", dictionary(true), 2000))) {
            assertThat(reader.getRowGroups()).hasSize(1);
        }
    }

    @Test
    void dictionaryEncodingFollowsTheSetting() throws Exception {
        try (ParquetFileReader on = open(object("on.parquet", "zstd", dictionary(true), 500));
                ParquetFileReader off =
                        open(object("off.parquet", "zstd", dictionary(false), 500))) {
            assertThat(chunk(on, 0, "camera_id").getEncodings())
                    .contains(Encoding.PLAIN_DICTIONARY);
            assertThat(chunk(on, 0, "camera_id").hasDictionaryPage()).isTrue();
            assertThat(chunk(off, 0, "camera_id").getEncodings())
                    .doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
            assertThat(chunk(off, 0, "camera_id").hasDictionaryPage()).isFalse();
        }
    }

    @Test
    void longStringsKeepAtMost64BytesOfTheirMinAndMax() throws Exception {
        try (ParquetFileReader reader =
                open(object("a.parquet", "zstd", ColumnarOptions.defaults(), 10))) {
            ColumnChunkMetaData message = chunk(reader, 0, "message");
            assertThat(message.getStatistics().getMinBytes()).hasSize(64);
            assertThat(message.getStatistics().getMaxBytes()).hasSize(64);
            ColumnIndex index = reader.readColumnIndex(message);
            assertThat(index.getMinValues().get(0).remaining()).isEqualTo(64);
            assertThat(text(index.getMinValues().get(0))).startsWith("m0 m0 ");
        }
    }

    @Test
    void snappyPagesAreSnappyAndDuckDbReadsThem() throws Exception {
        Path file = object("s.parquet", "snappy", ColumnarOptions.defaults(), 300);

        try (ParquetFileReader reader = open(file)) {
            assertThat(reader.getRowGroups().get(0).getColumns())
                    .extracting(ColumnChunkMetaData::getCodec)
                    .containsOnly(CompressionCodecName.SNAPPY);
        }
        assertThat(query("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')"))
                .containsExactly("SNAPPY");
        assertThat(
                        query(
                                "SELECT count(*) || ' ' || sum(status) || ' ' || min(length(message)) FROM '"
                                        + file
                                        + "' WHERE camera_id = 'camera7'"))
                .containsExactly("6 1206 1000");
    }

    private static String text(java.nio.ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
}
