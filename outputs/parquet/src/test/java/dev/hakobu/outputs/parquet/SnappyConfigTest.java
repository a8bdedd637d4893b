package dev.hakobu.outputs.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigError;
import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.outputs.file.FileOutputConfig;
import dev.hakobu.outputs.format.Compression;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compression: snappy} as an operator writes it: for Parquet's pages only. */
class SnappyConfigTest {
    @TempDir Path root;

    private FileOutputConfig load(String yaml) throws ConfigException {
        return ConfigLoader.fromClasspath()
                .load("file.yaml", "root: " + root + "\n" + yaml, FileOutputConfig.class);
    }

    @Test
    void snappyIsAcceptedForParquet() throws Exception {
        assertThat(load("format: parquet\ncompression: snappy\n").compression())
                .isEqualTo(Compression.SNAPPY);
    }

    @Test
    void snappyForJsonLinesIsAConfigErrorAtTheCompressionLine() {
        assertThatThrownBy(() -> load("format: json\ncompression: snappy\n"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> {
                            assertThat(e.errors()).hasSize(1);
                            ConfigError error = e.errors().get(0);
                            assertThat(error.path()).isEqualTo("compression");
                            assertThat(error.line()).isEqualTo(3);
                            assertThat(error.message())
                                    .isEqualTo(
                                            "snappy is only for format: parquet (format is json); use gzip or zstd");
                        });
    }
}
