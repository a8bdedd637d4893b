package dev.hakobu.bench.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost tool's Parquet arithmetic on one object small enough to work out by hand: 1,000 events of 4
 * cameras in one chunk, sorted by camera, rewritten with 100-row pages, so camera2's rows are one
 * contiguous run whose pages are known from the generator's counts alone.
 */
class ParquetScanTest {
    private static final S1Days ONE_CHUNK = new S1Days(1, 1000, 4, 1L << 30, 1000);

    @TempDir Path work;

    private Path sortedObjectWithPagesOf100Rows() throws Exception {
        ScanCostBench.write(
                ONE_CHUNK,
                ScanCostBench.Variant.parse("t;{format: parquet, compression: zstd};sort,rows=100"),
                work);
        List<Path> objects = ScanCostBench.objectsInRange(work);
        assertThat(objects).hasSize(1);
        return objects.get(0);
    }

    @Test
    void pageLevelReadsExactlyThePagesOverlappingTheValuesRun() throws Exception {
        Path object = sortedObjectWithPagesOf100Rows();
        long before = ONE_CHUNK.count("camera0") + ONE_CHUNK.count("camera1");
        long run = ONE_CHUNK.count("camera2");
        long firstPage = before / 100;
        long lastPage = (before + run - 1) / 100;

        ParquetScan.Cost cost = new ParquetScan("camera_id", "camera2").of(object);

        assertThat(cost.rows()).isEqualTo(1000);
        assertThat(cost.rowGroups()).isEqualTo(1);
        assertThat(cost.rowGroupsKept()).isEqualTo(1);
        assertThat(cost.rowsInPages()).isEqualTo((lastPage - firstPage + 1) * 100);
        assertThat(cost.pageBytes()).isGreaterThan(0).isLessThan(cost.rowGroupBytes());
    }

    @Test
    void aValueOutsideTheStatisticsReadsNothingButTheFooter() throws Exception {
        Path object = sortedObjectWithPagesOf100Rows();

        ParquetScan.Cost cost = new ParquetScan("camera_id", "camera9").of(object);

        assertThat(cost.rowGroupsKept()).isZero();
        assertThat(cost.rowGroupBytes()).isZero();
        assertThat(cost.pageBytes()).isZero();
        assertThat(cost.indexBytes()).isZero();
        assertThat(cost.rowGroupLevelRead()).isEqualTo(cost.footerBytes());
    }
}
