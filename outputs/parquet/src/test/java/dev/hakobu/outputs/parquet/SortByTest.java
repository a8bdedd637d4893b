package dev.hakobu.outputs.parquet;

import static dev.hakobu.outputs.parquet.ParquetObjects.chunk;
import static dev.hakobu.outputs.parquet.ParquetObjects.open;
import static dev.hakobu.outputs.parquet.ParquetObjects.query;
import static dev.hakobu.outputs.parquet.ParquetObjects.sortAndBloom;
import static dev.hakobu.outputs.parquet.ParquetObjects.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.internal.column.columnindex.BoundaryOrder;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sort_by: [camera_id]}: pages cover disjoint ascending camera ranges, and the rows are the same. */
class SortByTest {
    @TempDir Path dir;

    /** Story S1's shape: 3,000 calls from 200 cameras in random order (seeded), plus the story's two. */
    private static List<Map<String, Object>> calls() {
        Random random = new Random(21);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("seq", (long) i);
            record.put("camera_id", "camera" + (10 + random.nextInt(200)));
            record.put("api", random.nextBoolean() ? "/image" : "/live");
            record.put("status", 200L + random.nextInt(3));
            records.add(record);
            if (i == 1000 || i == 2000) {
                Map<String, Object> story = new LinkedHashMap<>();
                story.put("seq", (long) -i);
                story.put("camera_id", "camera2");
                story.put("api", "/setting");
                story.put("status", 200L);
                records.add(story);
            }
        }
        return records;
    }

    /** {@link #calls()} in pages of 100 rows, sorted by {@code sortBy}. */
    private Path object(String name, List<String> sortBy) throws Exception {
        return write(dir.resolve(name), "zstd", sortAndBloom(sortBy, List.of(), 100), calls());
    }

    @Test
    void sortedPagesHaveDisjointAscendingCameraRanges() throws Exception {
        Path sorted = object("s.parquet", List.of("camera_id"));
        Path unsorted = object("u.parquet", List.of());

        try (ParquetFileReader reader = open(sorted)) {
            ColumnIndex index = reader.readColumnIndex(chunk(reader, 0, "camera_id"));
            List<ByteBuffer> mins = index.getMinValues();
            List<ByteBuffer> maxes = index.getMaxValues();
            assertThat(mins).hasSize(31);
            assertThat(index.getBoundaryOrder()).isEqualTo(BoundaryOrder.ASCENDING);
            assertThat(text(mins.get(0))).isEqualTo("camera10");
            assertThat(text(maxes.get(30))).isEqualTo("camera99");
            for (int page = 1; page < mins.size(); page++) {
                // a page starts at or after the last camera of the page before: no camera is in two
                // pages but one that a page boundary cuts
                assertThat(mins.get(page).compareTo(maxes.get(page - 1))).isGreaterThanOrEqualTo(0);
            }
            // the story's camera2 sorts after camera199 and before camera20: in one page only
            long pagesWithCamera2 = 0;
            for (int page = 0; page < mins.size(); page++) {
                if (text(mins.get(page)).compareTo("camera2") <= 0
                        && text(maxes.get(page)).compareTo("camera2") >= 0) {
                    pagesWithCamera2++;
                }
            }
            assertThat(pagesWithCamera2).isEqualTo(1);
        }
        try (ParquetFileReader reader = open(unsorted)) {
            ColumnIndex index = reader.readColumnIndex(chunk(reader, 0, "camera_id"));
            assertThat(index.getBoundaryOrder()).isEqualTo(BoundaryOrder.UNORDERED);
        }
    }

    @Test
    void duckDbReadsTheSameRowsWithAndWithoutSortBy() throws Exception {
        Path sorted = object("s.parquet", List.of("camera_id"));
        Path unsorted = object("u.parquet", List.of());

        String rows =
                "SELECT concat_ws('|', seq, time, camera_id, api, status) AS r FROM '%s' ORDER BY r";
        List<String> fromSorted = query(rows.formatted(sorted));
        assertThat(fromSorted).hasSize(3002);
        assertThat(fromSorted).isEqualTo(query(rows.formatted(unsorted)));
        assertThat(
                        query(
                                "SELECT string_agg(seq || ' ' || api, ', ' ORDER BY time) FROM '"
                                        + sorted
                                        + "' WHERE camera_id = 'camera2'"))
                .containsExactly("-1000 /setting, -2000 /setting");
    }

    @Test
    void rowsOfOneCameraKeepTheirEventTimeOrder() throws Exception {
        // the file order DuckDB reads with one thread is the written order
        Path sorted = object("s.parquet", List.of("camera_id"));

        List<String> order =
                query(
                        "SELECT string_agg(seq::VARCHAR, ',') FROM (SELECT seq FROM '"
                                + sorted
                                + "' WHERE camera_id = 'camera2' OR camera_id = 'camera10')");
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> record : calls()) {
            if (record.get("camera_id").equals("camera10")) {
                expected.add(record.get("seq").toString());
            }
        }
        expected.add("-1000");
        expected.add("-2000");
        assertThat(order).containsExactly(String.join(",", expected));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
}
