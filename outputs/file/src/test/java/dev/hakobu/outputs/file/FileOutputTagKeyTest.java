package dev.hakobu.outputs.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tag_key:} writes the chunk's tag into every record; without it the files are as before. */
class FileOutputTagKeyTest {
    @TempDir Path root;

    private String written(Optional<String> tagKey) throws Exception {
        WriteResult result =
                new FileOutputConfig(
                                root,
                                "${node}-${chunk_id}",
                                "json",
                                Compression.NONE,
                                0,
                                ZoneId.of("UTC"),
                                EventTimeConfig.disabled(),
                                tagKey)
                        .build(new OutputContext("local", "n1", Clock.systemUTC()))
                        .write(TestChunks.at("c1", "photo.upload", "2020-08-14T23:59:59Z"));
        assertThat(result).isEqualTo(WriteResult.DELIVERED);
        return Files.readString(root.resolve("n1-c1.json"));
    }

    @Test
    void withATagKeyEveryRecordCarriesItsTag() throws Exception {
        assertThat(written(Optional.of("log_type")))
                .isEqualTo(
                        "{\"seq\":0,\"t\":\"2020-08-14T23:59:59Z\",\"log_type\":\"photo.upload\"}\n");
    }

    @Test
    void withoutOneTheRecordsAreStoredAsTheyCame() throws Exception {
        assertThat(written(Optional.empty()))
                .isEqualTo("{\"seq\":0,\"t\":\"2020-08-14T23:59:59Z\"}\n");
    }
}
