package dev.hakobu.outputs.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigError;
import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.encoding.ColumnarOptions;
import dev.hakobu.encoding.ColumnarOptions.DeclaredType;
import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import dev.hakobu.outputs.file.FileOutputConfig;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.ParquetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outputs' {@code parquet:} section as an operator writes it. */
class ParquetConfigTest {
    @TempDir Path root;

    @Test
    void theSectionBindsEveryKeyIntoTheEncodingsOptions() throws Exception {
        FileOutputConfig config =
                ConfigLoader.fromClasspath()
                        .load(
                                "file.yaml",
                                "root: "
                                        + root
                                        + "\nformat: parquet\nparquet:\n"
                                        + "  types: {camera_id: string, status: bigint}\n"
                                        + "  nested: json\n"
                                        + "  sort_by: [camera_id]\n"
                                        + "  row_group_size: 8MiB\n"
                                        + "  page_size: 64KiB\n"
                                        + "  page_rows: 1000\n"
                                        + "  dictionary: false\n"
                                        + "  bloom_filter_columns: [user]\n",
                                FileOutputConfig.class);

        ColumnarOptions options = config.parquet().orElseThrow().options(Path.of("s/f.json"));
        assertThat(options)
                .isEqualTo(
                        new ColumnarOptions(
                                Map.of(
                                        "camera_id",
                                        DeclaredType.STRING,
                                        "status",
                                        DeclaredType.BIGINT),
                                NestedValues.JSON,
                                List.of("camera_id"),
                                8L << 20,
                                64 << 10,
                                1000,
                                false,
                                List.of("user"),
                                Optional.of(Path.of("s/f.json"))));
    }

    @Test
    void leftOutCompressionIsZstdForParquetAndGzipForJsonLines() throws Exception {
        FileOutputConfig parquet =
                ConfigLoader.fromClasspath()
                        .load(
                                "file.yaml",
                                "root: " + root + "\nformat: parquet\n",
                                FileOutputConfig.class);
        FileOutputConfig json =
                ConfigLoader.fromClasspath()
                        .load("file.yaml", "root: " + root + "\n", FileOutputConfig.class);

        assertThat(parquet.compression()).isEqualTo(Compression.ZSTD);
        assertThat(json.compression()).isEqualTo(Compression.GZIP);
    }

    @Test
    void leftOutTheSectionIsTheDefaults() {
        assertThat(ParquetConfig.defaults().options(Path.of("f")))
                .isEqualTo(ColumnarOptions.defaults().withSchemaFile(Path.of("f")));
    }

    @Test
    void theSectionBesideAnotherFormatIsAConfigErrorAtItsLine() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.fromClasspath()
                                        .load(
                                                "file.yaml",
                                                "root: "
                                                        + root
                                                        + "\nformat: json\nparquet:\n  sort_by: [a]\n",
                                                FileOutputConfig.class))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> {
                            assertThat(e.errors()).hasSize(1);
                            ConfigError error = e.errors().get(0);
                            assertThat(error.path()).isEqualTo("parquet");
                            assertThat(error.line()).isEqualTo(4); // the section's first key
                            assertThat(error.message())
                                    .isEqualTo("only used with format: parquet (format is json)");
                        });
    }
}
