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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The DDL of every layout the S3 output can write, against golden files in src-test-data/athena/
 * (regenerate with -Dgolden.update=true and read the diff).
 */
class AthenaDdlTest {
    static final LocalDate SINCE = LocalDate.parse("2020-08-01");

    /** 00:30 on 2020-08-14 in Tokyo, still 2020-08-13 in UTC, where Athena evaluates NOW. */
    static final Instant NOW = Instant.parse("2020-08-13T15:30:00Z");

    static S3OutputConfig s3(String key) {
        return s3(key, "json", EventTimeConfig.defaults(), ZoneId.of("Asia/Tokyo"));
    }

    static S3OutputConfig s3(String key, String format, EventTimeConfig eventTime, ZoneId zone) {
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
                zone,
                eventTime,
                S3OutputConfig.ServerSideEncryption.NONE,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                DataSize.ofBytes(16L << 20),
                DataSize.ofBytes(8L << 20),
                Optional.empty());
    }

    private static String ddl(String key, String tag, Map<String, String> columns) {
        return AthenaDdl.createTable(s3(key), tag, columns, SINCE, AthenaSerde.HIVE, NOW);
    }

    private static Map<String, String> sample(String file) throws Exception {
        return AthenaColumns.infer(Files.readAllLines(TestData.file(file)));
    }

    static void assertGolden(String name, String ddl) throws Exception {
        Path golden = TestData.file("athena").resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, ddl);
        }
        assertThat(ddl).isEqualTo(Files.readString(golden));
    }

    @Test
    void storyS1TableIsADateProjectionOverTheDefaultLayoutReadByTheHiveSerde() throws Exception {
        assertGolden(
                "app_api.sql",
                ddl(
                        "logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        "app.api", sample("sample/api.log")));
    }

    @Test
    void theOpenxSerdeIsTheOtherChoice() throws Exception {
        assertGolden(
                "app_api_openx.sql",
                AthenaDdl.createTable(
                        s3("logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}"),
                        "app.api",
                        sample("sample/api.log"),
                        SINCE,
                        AthenaSerde.OPENX,
                        NOW));
    }

    @Test
    void storyS3TableLiesUnderThePrefixOfItsOwnApp() throws Exception {
        String key = "history/${tag[1]}/dt=%Y-%m-%d/${node}-${chunk_id}";
        assertGolden("history_shop.sql", ddl(key, "app.shop", sample("athena/shop.jsonl")));
        assertThat(ddl(key, "app.blog", sample("athena/blog.jsonl")))
                .contains("LOCATION 's3://hakobu-logs/history/blog/'")
                .contains("CREATE EXTERNAL TABLE IF NOT EXISTS `app_blog`");
    }

    @Test
    void yearMonthDaySegmentsAreIntegerProjectionsPaddedAsTheOutputPadsThem() throws Exception {
        assertGolden(
                "year_month_day.sql",
                ddl(
                        "logs/${tag}/year=%Y/month=%m/day=%d/${node}-${chunk_id}",
                        "app.api", Map.of("api", "string")));
    }

    @Test
    void anHourSegmentIsAnIntegerProjectionBesideTheDate() throws Exception {
        assertGolden(
                "hourly.sql",
                ddl(
                        "${tag}/dt=%Y-%m-%d/hour=%H/${chunk_id}",
                        "web.access", Map.of("uri", "string")));
    }

    @Test
    void aMonthlyDateSegmentStartsItsRangeInItsOwnFormat() {
        assertThat(ddl("logs/${tag}/month=%Y-%m/${chunk_id}", "a", Map.of("x", "string")))
                .contains("'projection.month.format' = 'yyyy-MM',\n")
                .contains("'projection.month.range' = '2020-08,NOW+9HOURS',\n")
                .contains("'projection.month.interval.unit' = 'MONTHS',\n");
    }

    @Test
    void theDateRangeEndsAtNowPlusTheZonesLargestOffset() {
        assertThat(AthenaProjection.rangeEnd(ZoneId.of("Asia/Tokyo"), NOW)).isEqualTo("NOW+9HOURS");
        assertThat(AthenaProjection.rangeEnd(ZoneId.of("UTC"), NOW)).isEqualTo("NOW");
        assertThat(AthenaProjection.rangeEnd(ZoneId.of("America/New_York"), NOW)).isEqualTo("NOW");
        // summer time all year: a DDL made in winter still shows today's partition in summer
        Instant winter = Instant.parse("2024-01-15T12:00:00Z");
        assertThat(AthenaProjection.rangeEnd(ZoneId.of("Europe/Berlin"), winter))
                .isEqualTo("NOW+2HOURS");
        assertThat(AthenaProjection.rangeEnd(ZoneId.of("Asia/Kolkata"), NOW))
                .isEqualTo("NOW+6HOURS");
    }

    @Test
    void anOutputThatWritesAnotherFormatThanJsonGetsNoTableThatCouldNotReadIt() {
        S3OutputConfig counted =
                s3(
                        "logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        "counted", EventTimeConfig.defaults(), ZoneId.of("UTC"));
        assertThatThrownBy(
                        () ->
                                AthenaDdl.createTable(
                                        counted,
                                        "app.api",
                                        Map.of("a", "string"),
                                        SINCE,
                                        AthenaSerde.HIVE,
                                        NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "format: the table is for JSON lines (format: json), this output writes counted; create its table by hand");
    }

    @Test
    void theEventTimeColumnFollowsTheOutputsFormatUnlessTheColumnsNameIt() {
        String key = "logs/${tag}/dt=%Y-%m-%d/${chunk_id}";
        assertThat(ddl(key, "a", Map.of("uri", "string")))
                .contains("  `uri` string,\n  `time` string\n)");
        String millis =
                AthenaDdl.createTable(
                        s3(
                                key,
                                "json",
                                new EventTimeConfig(
                                        true,
                                        Optional.of("ts"),
                                        EventTimeFormat.EPOCH_MILLIS,
                                        false),
                                ZoneId.of("UTC")),
                        "a",
                        Map.of("uri", "string"),
                        SINCE,
                        AthenaSerde.HIVE,
                        NOW);
        assertThat(millis).contains("  `uri` string,\n  `ts` bigint\n)");
        assertThat(ddl(key, "a", Map.of("time", "timestamp"))).contains("(\n  `time` timestamp\n)");
        String off =
                AthenaDdl.createTable(
                        s3(key, "json", EventTimeConfig.disabled(), ZoneId.of("UTC")),
                        "a",
                        Map.of("uri", "string"),
                        SINCE,
                        AthenaSerde.HIVE,
                        NOW);
        assertThat(off).contains("(\n  `uri` string\n)");
    }

    @Test
    void anOutputThatWritesTheTagIntoEveryRecordGetsATagColumn() {
        S3OutputConfig plain = s3("logs/${tag}/dt=%Y-%m-%d/${chunk_id}");
        S3OutputConfig tagged =
                new S3OutputConfig(
                        plain.bucket(),
                        plain.key(),
                        plain.region(),
                        plain.endpoint(),
                        plain.pathStyle(),
                        plain.credentials(),
                        plain.format(),
                        plain.compression(),
                        plain.compressionLevel(),
                        plain.timeZone(),
                        plain.eventTime(),
                        plain.serverSideEncryption(),
                        plain.kmsKeyId(),
                        plain.storageClass(),
                        plain.metadata(),
                        plain.multipartThreshold(),
                        plain.partSize(),
                        plain.manifest(),
                        Optional.of("log_type"));
        assertThat(
                        AthenaDdl.createTable(
                                tagged,
                                "app.api",
                                Map.of("uri", "string"),
                                SINCE,
                                AthenaSerde.HIVE,
                                NOW))
                .contains("(\n  `uri` string,\n  `time` string,\n  `log_type` string\n)");
    }

    @Test
    void aPrefixThatChangesFromObjectToObjectIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ddl("${node}/dt=%Y-%m-%d/${chunk_id}", "a", Map.of("x", "string")))
                .hasMessage(
                        "key: '${node}' comes before the partitions and changes from object to object; a table needs one location per tag (only ${tag} and ${tag[N]} may stand there)");
        assertThatThrownBy(() -> ddl("${tag}/%Y/%m/%d/${chunk_id}", "a", Map.of("x", "string")))
                .hasMessageStartingWith("key: '%Y' comes before the partitions");
        assertThatThrownBy(() -> ddl("${tag}/${chunk_id}", "a", Map.of("x", "string")))
                .hasMessage(
                        "key: no partition segment such as dt=%Y-%m-%d in '${tag}/${chunk_id}'; Athena finds partitions by name=value folders");
    }

    @Test
    void aBucketLeftAsAnUnsetVariableIsRefusedRatherThanWrittenIntoTheLocation() {
        assertThatThrownBy(
                        () -> AthenaLayout.of("${HAKOBU_S3_BUCKET}", "${tag}/dt=%Y-%m-%d/x", "a"))
                .hasMessage(
                        "bucket: '${HAKOBU_S3_BUCKET}' names an environment variable that is not set;"
                                + " set it so the table's LOCATION can name the bucket");
    }

    @Test
    void tagPartsResolveAsTheOutputRendersThem() {
        assertThat(AthenaLayout.resolveTag("h/${tag[1]}/${tag}/${tag[0]}-${tag[5]}/x", "app.shop"))
                .isEqualTo("h/shop/app.shop/app-_/x");
    }

    @Test
    void inferredTypesNeverOverflowAndNestedJsonBecomesArraysAndStructs() throws Exception {
        assertThat(
                        AthenaColumns.infer(
                                List.of(
                                        "{\"a\":1,\"b\":1,\"c\":null,\"d\":true,\"n\":9223372036854775807}",
                                        "{\"a\":2.5,\"b\":\"x\",\"c\":null,\"n\":9223372036854775808}",
                                        "{\"big\":123456789012345678901234567890123456789,"
                                                + "\"list\":[1,2.5],\"obj\":{\"k\":1,\"Odd Key\":[]},"
                                                + "\"mixed\":{\"k\":1},\"empty\":{}}",
                                        "{\"obj\":{\"k\":\"s\",\"z\":[{\"q\":true}]},\"mixed\":[1]}")))
                .containsExactly(
                        Map.entry("a", "double"),
                        Map.entry("b", "string"),
                        Map.entry("c", "string"),
                        Map.entry("d", "boolean"),
                        Map.entry("n", "decimal(38,0)"),
                        Map.entry("big", "string"),
                        Map.entry("list", "array<double>"),
                        Map.entry(
                                "obj",
                                "struct<k:string,`Odd Key`:array<string>,z:array<struct<q:boolean>>>"),
                        Map.entry("mixed", "string"),
                        Map.entry("empty", "string"));
    }

    @Test
    void columnTypesAreCheckedAgainstAthenasSyntax() {
        for (String ok :
                List.of(
                        "string",
                        "BIGINT",
                        "decimal(38,0)",
                        "decimal(10)",
                        "varchar(20)",
                        "array<struct<a:string,`b c`:map<string,array<int>>>>",
                        "timestamp")) {
            assertThat(AthenaTypeSyntax.valid(ok)).as(ok).isTrue();
        }
        for (String bad :
                List.of(
                        "text",
                        "decimal(39,0)",
                        "decimal(5,6)",
                        "array<string",
                        "struct<>",
                        "map<string>",
                        "string ",
                        "int64")) {
            assertThat(AthenaTypeSyntax.valid(bad)).as(bad).isFalse();
        }
    }
}
