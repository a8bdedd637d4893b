package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hakobu athena-ddl} as an operator runs it: the aggregator's config (its secrets unset),
 * tags, samples; every mistake one line and exit 2.
 */
class AthenaDdlCommandTest {
    @TempDir Path work;

    /** What one run printed and returned. */
    private CliRun withOutputs(String outputs, String... args) throws Exception {
        Files.writeString(
                work.resolve("aggregator.yaml"),
                """
                listen: {port: 0}
                outputs:
                %s
                  local: {type: file, root: /tmp/never}
                routes:
                  - match: "app.**"
                    outputs: [archive]
                    mask:
                      - {pattern: email, action: hash, hash_key: "${HAKOBU_TEST_UNSET_KEY}"}
                  - {match: "web.**", outputs: [local]}
                """
                        .formatted(outputs));
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "athena-ddl",
                                "--config",
                                work.resolve("aggregator.yaml").toString()));
        all.addAll(List.of(args));
        return CliRun.of(all);
    }

    private CliRun run(String... args) throws Exception {
        return withOutputs(
                "  archive: {type: s3, bucket: hakobu-logs, time_zone: Asia/Tokyo}", args);
    }

    private CliRun s3Story(String... args) throws Exception {
        return withOutputs(
                "  archive: {type: s3, bucket: hakobu-logs, time_zone: Asia/Tokyo,"
                        + " key: \"history/${tag[1]}/dt=%Y-%m-%d/${node}-${chunk_id}\"}",
                args);
    }

    @Test
    void theTableHasTheEventTimeColumnTheOutputWritesWithoutTheConfigsSecrets() throws Exception {
        CliRun plain = run("--tag", "app.api", "--column", "camera_id:string");
        assertThat(plain.err()).isEmpty();
        assertThat(plain.exit()).isZero();
        assertThat(plain.out())
                .startsWith("-- output 'archive', tag app.api\nCREATE EXTERNAL TABLE")
                .contains("  `camera_id` string,\n  `time` string\n)")
                .contains("'projection.dt.range' = '2020-01-01,NOW+9HOURS'");
        assertThat(
                        withOutputs(
                                        "  archive: {type: s3, bucket: hakobu-b, event_time: {key: ts, format: epoch_millis}}",
                                        "--tag",
                                        "app.api",
                                        "--column",
                                        "camera_id:string")
                                .out())
                .contains("  `camera_id` string,\n  `ts` bigint\n)");
    }

    @Test
    void theShippedS3ExampleGivesStoryS1sTableWithoutItsMaskKeyInTheEnvironment() throws Exception {
        assertThat(System.getenv("HAKOBU_MASK_KEY")).isNull();
        Path sample = TestData.file("sample/api.log");
        List<String> args =
                List.of(
                        "athena-ddl",
                        "--config",
                        TestData.root().resolve("config/aggregator-s3.yaml").toString(),
                        "--tag",
                        "app.api",
                        "--sample",
                        sample.toString(),
                        "--since",
                        "2020-08-01");
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "-- output 'archive', tag app.api\n"
                                + Files.readString(TestData.file("athena/app_api.sql"))
                                        .replace("hakobu-logs", "my-log-bucket")
                                + "\n");
    }

    @Test
    void storyS3GetsOneTableUnderEachAppsPrefixWithItsOwnSample() throws Exception {
        Path shop = work.resolve("shop.jsonl");
        Path blog = work.resolve("blog.jsonl");
        Files.writeString(shop, "{\"order_id\":12345678901234567890,\"items\":[\"a\"]}\n");
        Files.writeString(blog, "{\"post_id\":7,\"draft\":false}\n");
        CliRun r =
                s3Story(
                        "--tag",
                        "app.shop",
                        "--tag",
                        "app.blog",
                        "--sample",
                        "app.shop=" + shop,
                        "--sample",
                        "app.blog=" + blog,
                        "--since",
                        "2024-05-01");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        String[] tables = r.out().split("-- output ");
        assertThat(tables).hasSize(3);
        assertThat(tables[1])
                .startsWith("'archive', tag app.shop\n")
                .contains(
                        "`app_shop` (\n  `order_id` decimal(38,0),\n  `items` array<string>,\n  `time` string\n)")
                .contains("LOCATION 's3://hakobu-logs/history/shop/'")
                .contains("'projection.dt.range' = '2024-05-01,NOW+9HOURS'");
        assertThat(tables[2])
                .startsWith("'archive', tag app.blog\n")
                .contains(
                        "`app_blog` (\n  `post_id` bigint,\n  `draft` boolean,\n  `time` string\n)")
                .contains("LOCATION 's3://hakobu-logs/history/blog/'")
                .contains("ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'");
    }

    @Test
    void everyMistakeIsOneLineAndExit2() throws Exception {
        Path sample = work.resolve("s.jsonl");
        Files.writeString(sample, "{\"a\":1}\n");
        assertMistake(
                run("--tag", "app.api", "--column", "a:string", "--since", "2020-13-01"),
                "hakobu athena-ddl: --since: want a date YYYY-MM-DD, got '2020-13-01'");
        assertMistake(
                run("--tag", "app.api", "--column", "a:int64"),
                "hakobu athena-ddl: --column a:int64: 'int64' is not an Athena type; use e.g. string,"
                        + " bigint, double, boolean, decimal(38,0), timestamp, array<string>,"
                        + " struct<a:string>");
        assertMistake(
                run("--tag", "web.access", "--column", "a:string"),
                "hakobu athena-ddl: --tag web.access: no route sends it to an s3 output (s3 outputs:"
                        + " [archive]); give a tag the routes match");
        assertMistake(
                run("--tag", "app.a", "--tag", "app.b", "--sample", sample.toString()),
                "hakobu athena-ddl: --sample "
                        + sample
                        + ": with several --tag, name the tag: --sample TAG=FILE (tags: app.a, app.b)");
        assertMistake(
                run("--tag", "app.a", "--tag", "app.b", "--sample", "app.c=" + sample),
                "hakobu athena-ddl: --sample app.c="
                        + sample
                        + ": app.c is not one of the --tag values (app.a, app.b)");
        assertMistake(
                run("--tag", "app.a", "--tag", "app.b", "--sample", "app.a=" + sample),
                "hakobu athena-ddl: --tag app.b: no columns; give --sample app.b=FILE or --column"
                        + " NAME:TYPE");
        // a variable athena-ddl needs (the bucket names the LOCATION) is still refused when unset
        CliRun bucket =
                withOutputs(
                        "  archive: {type: s3, bucket: \"${HAKOBU_TEST_UNSET_BUCKET}\"}",
                        "--tag",
                        "app.a",
                        "--column",
                        "a:string");
        assertThat(bucket.exit()).isEqualTo(2);
        assertThat(bucket.err())
                .endsWith(
                        "outputs.archive.bucket: not a valid bucket name (3-63 lower-case letters,"
                                + " digits, '.', '-')\n");
        CliRun serde = run("--tag", "app.a", "--column", "a:string", "--serde", "json");
        assertThat(serde.exit()).isEqualTo(2);
        assertThat(serde.err()).contains("want hive or openx, got 'json'");
        assertThat(serde.out()).isEmpty();
    }

    private static void assertMistake(CliRun r, String line) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(line + "\n");
        assertThat(r.out()).isEmpty();
    }
}
