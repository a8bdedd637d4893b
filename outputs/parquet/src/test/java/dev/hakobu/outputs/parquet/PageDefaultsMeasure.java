package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ColumnarOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;

/**
 * Not a test: how the page and row-group defaults of {@code parquet:} were chosen (issue 21). Writes one
 * aggregator chunk's worth (8 MiB of msgpack) of story S1 calls from 3,000 cameras, sorted by camera_id, with
 * several page_rows and row_group_size values, and prints the object's size and the bytes a reader must fetch
 * for {@code SELECT * WHERE camera_id = X} (40 cameras averaged): with the page index (Athena engine v3 /
 * Trino) and with row-group statistics only (DuckDB). Run: {@code java -cp <test classpath>
 * dev.hakobu.outputs.parquet.PageDefaultsMeasure}.
 */
public final class PageDefaultsMeasure {
    private static final String[] APIS = {"/image", "/live", "/setting", "/status", "/event"};
    private static final String[] UAS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/84.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 13_6 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "okhttp/4.8.0",
        "camera-agent/2.3.1"
    };

    public static void main(String[] args) throws Exception {
        List<Map<String, Object>> records = chunk(new Random(21), 8 << 20);
        Path dir = Files.createTempDirectory("page-defaults");
        System.out.printf("records %d%n", records.size());
        System.out.println(
                "sort     row_group  page_rows  size_KiB  row_groups  cam_pages  read_page_index_KiB  read_rowgroup_stats_KiB  write_ms(best of 5)");
        measure(dir, records, List.of(), 128L << 20, 20_000);
        for (long rowGroup : new long[] {128L << 20, 512L << 10}) {
            for (int pageRows : new int[] {20_000, 10_000, 5_000, 2_000, 1_000}) {
                measure(dir, records, List.of("camera_id"), rowGroup, pageRows);
            }
        }
    }

    private static void measure(
            Path dir,
            List<Map<String, Object>> records,
            List<String> sortBy,
            long rowGroup,
            int pageRows)
            throws Exception {
        ColumnarOptions d = ColumnarOptions.defaults();
        ColumnarOptions options =
                new ColumnarOptions(
                        d.types(),
                        d.nested(),
                        sortBy,
                        rowGroup,
                        1 << 20,
                        pageRows,
                        true,
                        List.of(),
                        d.schemaFile());
        long best = Long.MAX_VALUE;
        Path file = null;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            file = ParquetObjects.write(dir.resolve("m.parquet"), "zstd", options, records);
            best = Math.min(best, System.nanoTime() - start);
        }
        long size = Files.size(file);
        Random pick = new Random(7);
        long pageBytes = 0;
        long groupBytes = 0;
        int cameraPages = 0;
        int groups;
        try (ParquetFileReader reader = ParquetObjects.open(file)) {
            groups = reader.getRowGroups().size();
            for (BlockMetaData group : reader.getRowGroups()) {
                cameraPages +=
                        reader.readOffsetIndex(
                                        ParquetObjects.chunk(
                                                reader,
                                                reader.getRowGroups().indexOf(group),
                                                "camera_id"))
                                .getPageCount();
            }
            for (int q = 0; q < 40; q++) {
                byte[] camera = ("camera" + pick.nextInt(3000)).getBytes();
                for (int g = 0; g < groups; g++) {
                    BlockMetaData group = reader.getRowGroups().get(g);
                    ColumnChunkMetaData cam = ParquetObjects.chunk(reader, g, "camera_id");
                    if (!within(
                            camera,
                            cam.getStatistics().getMinBytes(),
                            cam.getStatistics().getMaxBytes())) {
                        continue;
                    }
                    groupBytes += group.getCompressedSize();
                    // pages of camera_id whose min/max admit the value, as row ranges
                    ColumnIndex index = reader.readColumnIndex(cam);
                    OffsetIndex camPages = reader.readOffsetIndex(cam);
                    List<long[]> ranges = new ArrayList<>();
                    for (int p = 0; p < camPages.getPageCount(); p++) {
                        if (within(
                                camera,
                                bytes(index.getMinValues().get(p)),
                                bytes(index.getMaxValues().get(p)))) {
                            ranges.add(
                                    new long[] {
                                        camPages.getFirstRowIndex(p),
                                        camPages.getLastRowIndex(p, group.getRowCount())
                                    });
                        }
                    }
                    for (ColumnChunkMetaData column : group.getColumns()) {
                        OffsetIndex pages = reader.readOffsetIndex(column);
                        long dictionary = pages.getOffset(0) - column.getStartingPos();
                        boolean any = false;
                        for (int p = 0; p < pages.getPageCount(); p++) {
                            long first = pages.getFirstRowIndex(p);
                            long last = pages.getLastRowIndex(p, group.getRowCount());
                            for (long[] r : ranges) {
                                if (first <= r[1] && r[0] <= last) {
                                    pageBytes += pages.getCompressedPageSize(p);
                                    any = true;
                                    break;
                                }
                            }
                        }
                        if (any) {
                            pageBytes += dictionary;
                        }
                    }
                }
            }
        }
        System.out.printf(
                "%-8s %9d  %9d  %8d  %10d  %9d  %19.1f  %23.1f  %6d%n",
                sortBy.isEmpty() ? "none" : "camera",
                rowGroup >> 10,
                pageRows,
                size >> 10,
                groups,
                cameraPages,
                pageBytes / 40.0 / 1024,
                groupBytes / 40.0 / 1024,
                best / 1_000_000);
    }

    private static boolean within(byte[] value, byte[] min, byte[] max) {
        return java.util.Arrays.compareUnsigned(value, min) >= 0
                && java.util.Arrays.compareUnsigned(value, max) <= 0;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    /** S1 calls until their msgpack reaches {@code bytes}. */
    private static List<Map<String, Object>> chunk(Random random, int bytes) {
        List<Map<String, Object>> records = new ArrayList<>();
        long total = 0;
        long second = 1_596_240_000L;
        while (total < bytes) {
            Map<String, Object> r = new LinkedHashMap<>();
            second += random.nextInt(2);
            r.put("timestamp", java.time.Instant.ofEpochSecond(second).toString());
            r.put("camera_id", "camera" + random.nextInt(3000));
            r.put("api", APIS[random.nextInt(APIS.length)]);
            r.put("method", random.nextInt(10) == 0 ? "POST" : "GET");
            r.put("parameter", random.nextBoolean() ? null : "q=" + random.nextInt(100_000));
            r.put("user", "user" + random.nextInt(500));
            r.put("status", (long) (random.nextInt(20) == 0 ? 500 : 200));
            r.put("latency_ms", (long) random.nextInt(2000));
            r.put("ua", UAS[random.nextInt(UAS.length)]);
            total += S1Records.pack(r).length + 12;
            records.add(r);
        }
        return records;
    }
}
