package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.DataSize;
import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AthenaDdlTest {
    private static S3OutputConfig s3(String key) {
        return s3(key, EventTimeConfig.defaults());
    }

    private static S3OutputConfig s3(String key, EventTimeConfig eventTime) {
        return s3(key, "json", eventTime);
    }

    private static S3OutputConfig s3(String key, String format, EventTimeConfig eventTime) {
        return new S3OutputConfig(
                "hakobu-logs",
                key,
                "ap-northeast-1",
                Optional.empty(),
                false,
                Optional.empty(),
                format,
                Compression.GZIP,
                0,
                ZoneId.of("Asia/Tokyo"),
                eventTime,
                S3OutputConfig.ServerSideEncryption.NONE,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                DataSize.ofBytes(16L << 20),
                DataSize.ofBytes(8L << 20),
                Optional.empty());
    }

    @Test
    void anOutputThatWritesAnotherFormatThanJsonGetsNoTableThatCouldNotReadIt() {
        S3OutputConfig counted =
                s3(
                        "logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        "counted", EventTimeConfig.defaults());

        assertThatThrownBy(
                        () ->
                                AthenaDdl.createTable(
                                        counted, "app.api", Map.of("a", "string"), "2020-08-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "format: the table is for JSON lines (format: json), this output writes counted; create its table by hand");
    }

    @Test
    void storyS1TableUsesDateProjectionOverTheDefaultLayout() throws Exception {
        var columns = AthenaColumns.infer(Files.readAllLines(TestData.file("sample/api.log")));
        String ddl =
                AthenaDdl.createTable(
                        s3("logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}"),
                        "app.api",
                        columns,
                        "2020-08-01");
        Path golden = TestData.file("athena/app_api.sql");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, ddl);
        }
        assertThat(ddl).isEqualTo(Files.readString(golden));
    }

    @Test
    void theEventTimeColumnFollowsTheOutputsFormatUnlessTheColumnsNameIt() {
        String iso =
                AthenaDdl.createTable(
                        s3("logs/${tag}/dt=%Y-%m-%d/${chunk_id}"),
                        "a",
                        Map.of("uri", "string"),
                        "2024-01-01");
        assertThat(iso).contains("  `uri` string,\n  `time` string\n)");
        String millis =
                AthenaDdl.createTable(
                        s3(
                                "logs/${tag}/dt=%Y-%m-%d/${chunk_id}",
                                new EventTimeConfig(
                                        true,
                                        Optional.of("ts"),
                                        EventTimeFormat.EPOCH_MILLIS,
                                        false)),
                        "a",
                        Map.of("uri", "string"),
                        "2024-01-01");
        assertThat(millis).contains("  `uri` string,\n  `ts` bigint\n)");
        String named =
                AthenaDdl.createTable(
                        s3("logs/${tag}/dt=%Y-%m-%d/${chunk_id}"),
                        "a",
                        Map.of("time", "timestamp"),
                        "2024-01-01");
        assertThat(named).contains("(\n  `time` timestamp\n)");
        String off =
                AthenaDdl.createTable(
                        s3("logs/${tag}/dt=%Y-%m-%d/${chunk_id}", EventTimeConfig.disabled()),
                        "a",
                        Map.of("uri", "string"),
                        "2024-01-01");
        assertThat(off).contains("(\n  `uri` string\n)");
    }

    @Test
    void anHourSegmentBecomesAnIntegerProjection() {
        String ddl =
                AthenaDdl.createTable(
                        s3("${tag}/dt=%Y-%m-%d/hour=%H/${chunk_id}"),
                        "web.access",
                        Map.of("uri", "string"),
                        "2024-01-01");
        assertThat(ddl)
                .contains("PARTITIONED BY (`dt` string, `hour` string)")
                .contains("'projection.hour.type' = 'integer'")
                .contains("'projection.hour.range' = '0,23'")
                .contains(
                        "'storage.location.template' = 's3://hakobu-logs/web.access/dt=${dt}/hour=${hour}'")
                .contains("LOCATION 's3://hakobu-logs/web.access/'")
                .contains("CREATE EXTERNAL TABLE IF NOT EXISTS `web_access`");
    }

    @Test
    void inferredTypesWidenAcrossLines() throws Exception {
        assertThat(
                        AthenaColumns.infer(
                                java.util.List.of(
                                        "{\"a\":1,\"b\":1,\"c\":null,\"d\":true}",
                                        "{\"a\":2.5,\"b\":\"x\",\"c\":null}")))
                .containsExactly(
                        Map.entry("a", "double"),
                        Map.entry("b", "string"),
                        Map.entry("c", "string"),
                        Map.entry("d", "boolean"));
    }

    @Test
    void aTemplateWithoutHivePartitionsIsRefusedWithTheReason() {
        assertThatThrownBy(
                        () ->
                                AthenaDdl.createTable(
                                        s3("${tag}/%Y/%m/%d/${chunk_id}"),
                                        "a",
                                        Map.of("x", "string"),
                                        "2024-01-01"))
                .hasMessageContaining("key:");
    }
}
