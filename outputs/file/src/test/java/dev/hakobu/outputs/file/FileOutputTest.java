package dev.hakobu.outputs.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Output;
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
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileOutputTest {
    @TempDir Path root;

    private Output output(Compression compression) {
        return output(compression, EventTimeConfig.defaults());
    }

    private Output output(Compression compression, EventTimeConfig eventTime) {
        return new FileOutputConfig(
                        root,
                        "${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        "json",
                        compression,
                        0,
                        ZoneId.of("Asia/Tokyo"),
                        eventTime)
                .build(new OutputContext("local", "n1", Clock.systemUTC()));
    }

    private static Chunk chunk(String id, String tag, String... isoTimes) {
        return TestChunks.at(id, tag, isoTimes);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWritableRootIsHealthyAndARootUnderAFileIsNot() throws Exception {
        assertThat(output(Compression.NONE).health().up()).isTrue();
        Path file = Files.writeString(root.resolve("not-a-dir"), "x");
        Output under =
                new FileOutputConfig(
                                file.resolve("logs"),
                                "${tag}/${chunk_id}",
                                "json",
                                Compression.NONE,
                                0,
                                ZoneId.of("UTC"),
                                EventTimeConfig.defaults())
                        .build(new OutputContext("local", "n1", Clock.systemUTC()));
        assertThat(under.health().up()).isFalse();
        assertThat(under.health().detail()).contains("no directory to write under");
    }

    @Test
    void aChunkWrittenAgainReplacesItsOwnFilesSoTheGuaranteeIsIdempotent() throws Exception {
        Output out = output(Compression.NONE);
        Chunk chunk = chunk("c1", "app", "2020-08-14T10:00:00Z", "2020-08-14T10:00:01Z");
        out.write(chunk);
        out.write(chunk);

        assertThat(out.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE_IDEMPOTENT);
        assertThat(files()).hasSize(1);
        assertThat(Files.readAllLines(files().get(0))).hasSize(2);
    }

    @Test
    void aChunkAcrossMidnightBecomesOneFilePerDatePartition() throws Exception {
        WriteResult r =
                output(Compression.GZIP)
                        .write(
                                chunk(
                                        "c1",
                                        "app.api",
                                        "2020-08-14T23:59:59+09:00",
                                        "2020-08-15T00:00:00+09:00",
                                        "2020-08-14T14:59:59Z"));

        assertThat(r).isEqualTo(WriteResult.DELIVERED);
        assertThat(files())
                .containsExactly(
                        root.resolve("app.api/dt=2020-08-14/n1-c1.json.gz"),
                        root.resolve("app.api/dt=2020-08-15/n1-c1.json.gz"));
        assertThat(gunzip(root.resolve("app.api/dt=2020-08-14/n1-c1.json.gz")))
                .isEqualTo(
                        "{\"seq\":0,\"t\":\"2020-08-14T23:59:59+09:00\",\"time\":\"2020-08-14T23:59:59+09:00\"}\n"
                                + "{\"seq\":2,\"t\":\"2020-08-14T14:59:59Z\",\"time\":\"2020-08-14T23:59:59+09:00\"}\n");
        assertThat(gunzip(root.resolve("app.api/dt=2020-08-15/n1-c1.json.gz")))
                .isEqualTo(
                        "{\"seq\":1,\"t\":\"2020-08-15T00:00:00+09:00\",\"time\":\"2020-08-15T00:00:00+09:00\"}\n");
    }

    @Test
    void eachRecordStoresItsEventTimeWithNanosecondsInTheOutputsZone() throws Exception {
        output(Compression.GZIP)
                .write(
                        chunk(
                                "c4",
                                "app.api",
                                "2020-08-14T02:22:34.123456789Z",
                                "2020-08-14T02:22:35Z"));
        assertThat(gunzip(root.resolve("app.api/dt=2020-08-14/n1-c4.json.gz")))
                .isEqualTo(
                        "{\"seq\":0,\"t\":\"2020-08-14T02:22:34.123456789Z\",\"time\":\"2020-08-14T11:22:34.123456789+09:00\"}\n"
                                + "{\"seq\":1,\"t\":\"2020-08-14T02:22:35Z\",\"time\":\"2020-08-14T11:22:35+09:00\"}\n");
    }

    @Test
    void theEventTimeTakesTheConfiguredKeyAndFormatOrIsLeftOut() throws Exception {
        Chunk c = chunk("c5", "app.api", "2020-08-14T02:22:34.5Z");
        output(
                        Compression.GZIP,
                        new EventTimeConfig(
                                true, Optional.of("t"), EventTimeFormat.EPOCH_MILLIS, true))
                .write(c);
        assertThat(gunzip(root.resolve("app.api/dt=2020-08-14/n1-c5.json.gz")))
                .as("t replaced in place")
                .isEqualTo("{\"seq\":0,\"t\":1597371754500}\n");
        output(Compression.GZIP, EventTimeConfig.disabled()).write(c);
        assertThat(gunzip(root.resolve("app.api/dt=2020-08-14/n1-c5.json.gz")))
                .as("off")
                .isEqualTo("{\"seq\":0,\"t\":\"2020-08-14T02:22:34.5Z\"}\n");
    }

    @Test
    void writingTheSameChunkAgainReplacesItsFilesInsteadOfAddingOnes() throws Exception {
        Output out = output(Compression.ZSTD);
        Chunk c = chunk("c2", "app.api", "2020-08-14T10:00:00+09:00");
        out.write(c);
        out.write(c);
        assertThat(files()).containsExactly(root.resolve("app.api/dt=2020-08-14/n1-c2.json.zst"));
    }

    /** Chunks that can never be written are rejected at once (dead letters), never retried for max_retry_time. */
    @ParameterizedTest
    @ValueSource(strings = {"app\u0000nul", "app/../../x", "a//b", "app\nforged", "x"})
    void aChunkWhoseKeyCanNeverBeAFileIsRejectedNotRetried(String tag) throws Exception {
        String name = tag.equals("x") ? "x".repeat(300) : tag;
        WriteResult r = output(Compression.NONE).write(chunk("p1", name, "2020-08-14T10:00:00Z"));
        assertThat(r).isInstanceOf(WriteResult.Rejected.class);
        assertThat(files()).isEmpty();
    }

    @Test
    void aTagThatWouldEscapeTheRootIsRejectedNotWritten() throws Exception {
        WriteResult r =
                output(Compression.NONE).write(chunk("c3", "../../etc", "2020-08-14T10:00:00Z"));
        assertThat(r).isInstanceOf(WriteResult.Rejected.class);
        assertThat(files()).isEmpty();
    }
}
