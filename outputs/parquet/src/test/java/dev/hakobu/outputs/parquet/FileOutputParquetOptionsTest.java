package dev.hakobu.outputs.parquet;

import static dev.hakobu.outputs.parquet.ParquetObjects.chunk;
import static dev.hakobu.outputs.parquet.ParquetObjects.open;
import static dev.hakobu.outputs.parquet.ParquetObjects.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.file.FileOutputConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.internal.column.columnindex.BoundaryOrder;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parquet: section as an operator writes it reaches the written file through the file output. */
class FileOutputParquetOptionsTest {
    @TempDir Path root;

    @Test
    void sortByPageRowsSnappyAndBloomFilterColumnsFromYamlShapeTheFile() throws Exception {
        FileOutputConfig config =
                ConfigLoader.fromClasspath()
                        .load(
                                "file.yaml",
                                "root: "
                                        + root
                                        + "\npath: \"x/${chunk_id}\"\nformat: parquet\ncompression: snappy\nparquet:\n"
                                        + "  sort_by: [camera_id]\n"
                                        + "  page_rows: 50\n"
                                        + "  bloom_filter_columns: [user]\n",
                                FileOutputConfig.class);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            records.add(
                    S1Records.apiCall(
                            String.format("2020-08-14T10:%02d:%02d+09:00", i / 60 % 60, i % 60),
                            "camera" + (i * 37 % 100),
                            "/image",
                            "GET",
                            null,
                            "user" + i));
        }

        assertThat(
                        config.build(new OutputContext("local", "n1", Clock.systemUTC()))
                                .write(S1Records.chunk("c1", "app.api", records)))
                .isEqualTo(WriteResult.DELIVERED);

        Path file = root.resolve("x/c1.parquet");
        try (ParquetFileReader reader = open(file)) {
            ColumnChunkMetaData camera = chunk(reader, 0, "camera_id");
            assertThat(camera.getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
            assertThat(reader.readOffsetIndex(camera).getPageCount()).isEqualTo(10);
            assertThat(reader.readColumnIndex(camera).getBoundaryOrder())
                    .isEqualTo(BoundaryOrder.ASCENDING);
            BloomFilter users = reader.readBloomFilter(chunk(reader, 0, "user"));
            assertThat(users.findHash(users.hash(Binary.fromString("user499")))).isTrue();
            assertThat(users.findHash(users.hash(Binary.fromString("user500")))).isFalse();
        }
        assertThat(
                        query(
                                "SELECT count(*) || ' ' || min(\"user\") FROM '"
                                        + file
                                        + "' WHERE camera_id = 'camera37'"))
                .containsExactly("5 user1");
    }
}
