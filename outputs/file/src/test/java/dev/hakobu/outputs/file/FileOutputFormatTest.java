package dev.hakobu.outputs.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigError;
import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.testing.TestChunks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code format:} selects a registered encoding; {@link TsvEncoding} (test sources) is the worked example. */
class FileOutputFormatTest {
    @TempDir Path root;

    private WriteResult write(String format, Compression compression) {
        return new FileOutputConfig(
                        root,
                        "${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        format,
                        compression,
                        0,
                        ZoneId.of("Asia/Tokyo"),
                        EventTimeConfig.defaults())
                .build(new OutputContext("local", "n1", Clock.systemUTC()))
                .write(
                        TestChunks.at(
                                "c1",
                                "app.api",
                                "2020-08-14T23:59:59+09:00",
                                "2020-08-15T00:00:00+09:00",
                                "2020-08-14T14:59:59Z"));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void aChunkWrittenAsTsvBecomesTsvFilesWithTheSameLayout() throws Exception {
        assertThat(write("tsv", Compression.NONE)).isEqualTo(WriteResult.DELIVERED);

        assertThat(files())
                .containsExactly(
                        root.resolve("app.api/dt=2020-08-14/n1-c1.tsv"),
                        root.resolve("app.api/dt=2020-08-15/n1-c1.tsv"));
        assertThat(Files.readString(root.resolve("app.api/dt=2020-08-14/n1-c1.tsv")))
                .isEqualTo(
                        "2020-08-14T23:59:59+09:00\t0\t2020-08-14T23:59:59+09:00\n"
                                + "2020-08-14T23:59:59+09:00\t2\t2020-08-14T14:59:59Z\n");
        assertThat(Files.readString(root.resolve("app.api/dt=2020-08-15/n1-c1.tsv")))
                .isEqualTo("2020-08-15T00:00:00+09:00\t1\t2020-08-15T00:00:00+09:00\n");
    }

    @Test
    void theOutputsCompressionWrapsTheEncodingAndAddsItsExtension() throws Exception {
        write("tsv", Compression.GZIP);

        Path file = root.resolve("app.api/dt=2020-08-15/n1-c1.tsv.gz");
        assertThat(files()).contains(file);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("2020-08-15T00:00:00+09:00\t1\t2020-08-15T00:00:00+09:00\n");
        }
    }

    @Test
    void theFormatDefaultsToJsonLines() throws Exception {
        FileOutputConfig config =
                ConfigLoader.fromClasspath()
                        .load("file.yaml", "root: " + root + "\n", FileOutputConfig.class);

        assertThat(config.format()).isEqualTo("json");
        assertThat(config.objectFormat(Path.of("state")).extension()).isEqualTo(".json.gz");
    }

    @Test
    void aRegisteredFormatIsAcceptedByName() throws Exception {
        FileOutputConfig config =
                ConfigLoader.fromClasspath()
                        .load(
                                "file.yaml",
                                "root: " + root + "\nformat: tsv\n",
                                FileOutputConfig.class);

        assertThat(config.objectFormat(Path.of("state")).extension()).isEqualTo(".tsv.gz");
    }

    @Test
    void anUnknownFormatIsAConfigErrorAtItsLineNamingTheKnownOnes() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.fromClasspath()
                                        .load(
                                                "file.yaml",
                                                "root: " + root + "\nformat: parquet\n",
                                                FileOutputConfig.class))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> {
                            ConfigError error = e.errors().get(0);
                            assertThat(e.errors()).hasSize(1);
                            assertThat(error.line()).isEqualTo(2);
                            assertThat(error.path()).isEqualTo("format");
                            assertThat(error.message())
                                    .isEqualTo("no encoding named 'parquet'; known: json, tsv");
                        });
    }
}
