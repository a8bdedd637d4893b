package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.outputs.s3.S3ProxyServer;
import dev.hakobu.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story S1 end to end in Parquet: the agent tails the story's API calls (the share-user's rename carrying
 * a token and a password, as in {@code src-test-data/mask/s1.in}) and 2,000 calls of July, each with its
 * own token; the aggregator masks {@code parameter}'s {@code token} and {@code password} and writes
 * {@code format: parquet} to S3 (S3Proxy) twice: zstd (what a user runs) under {@code logs/}, and
 * {@code compression: none} under {@code plain/}, where the object bytes are the values themselves, so a
 * byte search for a secret means something. The objects are downloaded through the S3 API and read with
 * DuckDB as Athena would (hive partitions, columns by name): the story's query finds exactly the two
 * renames, and no secret is in any value, statistic or byte of any object.
 */
class StoryS1ParquetIT {
    private static final String BUCKET = "hakobu-athena";
    private static final int JULY_LINES = 2_000;

    /** The secrets of the lines written: s1.in's token and password, and every July line's token. */
    private static final List<String> SECRETS = List.of("abc123", "p4ss", LineWriter.SECRET);

    private static final Pattern KEY =
            Pattern.compile(
                    "(logs|plain)/app\\.api/dt=(\\d{4}-\\d{2}-\\d{2})/it-node-[^/]+\\.parquet");

    @TempDir Path work;

    @Test
    void theStoryQueryFindsTheTwoRenamesAndNoObjectHoldsASecret() throws Exception {
        List<String> story = storyLines();
        int rows = JULY_LINES + story.size();
        Path downloaded = work.resolve("downloaded");
        try (S3ProxyServer s3 = new S3ProxyServer(work.resolve("s3")).start()) {
            s3.createBucket(BUCKET);
            try (Roles roles = new Roles(work, s3Output(s3, "logs", "zstd"))) {
                roles.addOutput(
                        "plain",
                        s3Output(s3, "plain", "none"),
                        "mask: [{field: parameter, query_params: [token], action: redact}]",
                        "mask: [{field: parameter, query_params: [token, password], action: redact}]");
                roles.startAggregator();
                roles.startAgent();
                try (LineWriter july =
                        new LineWriter(
                                roles.logs.resolve("july.log"),
                                OffsetDateTime.parse("2020-07-31T12:00:00+09:00"))) {
                    july.write(JULY_LINES);
                }
                Files.write(roles.logs.resolve("api.log"), story, StandardCharsets.UTF_8);

                List<String> keys = awaitRows(s3, downloaded, rows);
                assertThat(count(downloaded, "logs")).as(roles.logsTail()).isEqualTo(rows);
                assertThat(count(downloaded, "plain")).as(roles.logsTail()).isEqualTo(rows);
                assertThat(keys).allMatch(key -> KEY.matcher(key).matches());
                assertThat(partitions(keys, "logs"))
                        .containsExactly("2020-07-31", "2020-08-14", "2020-08-15", "2020-08-16");
                assertThat(partitions(keys, "plain")).isEqualTo(partitions(keys, "logs"));
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (String prefix : List.of("logs", "plain")) {
                String logs = table(downloaded, prefix);
                assertThat(
                                rows(
                                        st,
                                        "SELECT concat_ws(' | ', dt, strftime(time, '%Y-%m-%d %H:%M:%S'),"
                                                + " camera_id, api, method, parameter, \"user\", ua)"
                                                + " FROM (SELECT * FROM "
                                                + logs
                                                + " WHERE dt >= '2020-08-01' AND camera_id = 'camera2')"
                                                + " ORDER BY time"))
                        .as(prefix)
                        .containsExactly(
                                "2020-08-14 | 2020-08-14 02:22:34 | camera2 | /setting | POST"
                                        + " | name=hoge&token=***&Password=*** | share-user | chrome",
                                "2020-08-16 | 2020-08-16 11:10:45 | camera2 | /setting | POST"
                                        + " | name=camera2 | owner-user | chrome");
                assertThat(
                                rows(
                                        st,
                                        "SELECT count(*) || ' ' || count(DISTINCT seq) FROM "
                                                + logs
                                                + " WHERE dt = '2020-07-31'"
                                                + " AND parameter LIKE 'name=cam_&token=***'"))
                        .as("the July lines, each with its token masked")
                        .containsExactly(JULY_LINES + " " + JULY_LINES);
            }
            assertThat(compressions(st, downloaded, "logs")).containsExactly("ZSTD");
            assertThat(compressions(st, downloaded, "plain")).containsExactly("UNCOMPRESSED");
            assertNoSecretInAnyValue(st, downloaded);
        }
        assertNoSecretInAnyByte(downloaded);
    }

    /**
     * Every value DuckDB reads from the objects: each row whole (all columns as one string), the column
     * statistics and the key-value metadata of every footer, and the schema's names.
     */
    private static void assertNoSecretInAnyValue(Statement st, Path downloaded)
            throws SQLException {
        String files = "'" + downloaded + "/*/app.api/dt=*/*.parquet'";
        List<String> values = new ArrayList<>();
        values.addAll(
                rows(
                        st,
                        "SELECT CAST(t AS VARCHAR) FROM read_parquet("
                                + files
                                + ", union_by_name = true) AS t"));
        values.addAll(
                rows(
                        st,
                        "SELECT concat_ws('|', path_in_schema, stats_min, stats_max, stats_min_value,"
                                + " stats_max_value) FROM parquet_metadata("
                                + files
                                + ")"));
        values.addAll(
                rows(
                        st,
                        "SELECT concat_ws('|', decode(key), decode(value)) FROM parquet_kv_metadata("
                                + files
                                + ")"));
        values.addAll(rows(st, "SELECT name FROM parquet_schema(" + files + ")"));
        assertThat(values)
                .as("values read")
                .hasSizeGreaterThan(2 * (JULY_LINES + 5))
                .anyMatch(v -> v.contains("name=hoge&token=***&Password=***"));
        for (String secret : SECRETS) {
            assertThat(values.stream().filter(v -> v.contains(secret)).toList())
                    .as("values holding " + secret)
                    .isEmpty();
        }
    }

    /**
     * The bytes of every object. In the uncompressed ones the values lie as they are (the positive control
     * finds the masked parameter there); in the zstd ones the footers (with the column statistics) are
     * plain, and so is a page too small for zstd to shrink, but the rest is not.
     */
    private static void assertNoSecretInAnyByte(Path downloaded) throws IOException {
        List<Path> objects;
        try (var walk = Files.walk(downloaded)) {
            objects = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
        assertThat(objects).as("objects downloaded").hasSizeGreaterThanOrEqualTo(8);
        boolean maskedSeen = false;
        for (Path object : objects) {
            String bytes = new String(Files.readAllBytes(object), StandardCharsets.ISO_8859_1);
            for (String secret : SECRETS) {
                assertThat(bytes.contains(secret)).as(object + " holds " + secret).isFalse();
            }
            if (object.startsWith(downloaded.resolve("plain"))
                    && bytes.contains("name=hoge&token=***&Password=***")) {
                maskedSeen = true;
            }
        }
        assertThat(maskedSeen).as("the masked parameter found as bytes in plain/").isTrue();
    }

    /**
     * S1's sample calls ({@code src-test-data/sample/api.log}, its well-formed lines) with the share-user's
     * rename as {@code mask/s1.in} has it, carrying a token and a password in {@code parameter}.
     */
    private static List<String> storyLines() throws IOException {
        String withSecrets = Files.readAllLines(TestData.file("mask/s1.in")).get(0);
        assertThat(withSecrets).contains("share-user", "token=abc123&Password=p4ss");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.file("sample/api.log"))) {
            if (!line.endsWith("}")) {
                continue; // the sample's malformed line: not part of this story
            }
            lines.add(line.contains("share-user") ? withSecrets : line);
        }
        assertThat(lines).hasSize(5);
        return lines;
    }

    private static String s3Output(S3ProxyServer s3, String prefix, String compression) {
        return ("{type: s3, bucket: %s, endpoint: \"%s\", path_style: true, format: parquet,"
                        + " compression: %s, time_zone: Asia/Tokyo,"
                        + " key: \"%s/${tag}/dt=%%Y-%%m-%%d/${node}-${chunk_id}\","
                        + " credentials: {access_key_id: %s, secret_access_key: %s}}")
                .formatted(
                        BUCKET,
                        s3.endpoint(),
                        compression,
                        prefix,
                        S3ProxyServer.IDENTITY,
                        S3ProxyServer.CREDENTIAL);
    }

    /** Downloads both prefixes until each holds {@code rows} rows, or two minutes pass; the keys. */
    private static List<String> awaitRows(S3ProxyServer s3, Path downloaded, int rows)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> keys;
        do {
            Thread.sleep(500);
            keys = S3Download.download(s3, BUCKET, "", downloaded);
        } while ((count(downloaded, "logs") < rows || count(downloaded, "plain") < rows)
                && System.nanoTime() < deadline);
        return keys;
    }

    private static long count(Path downloaded, String prefix) throws SQLException {
        if (!Files.isDirectory(downloaded.resolve(prefix))) {
            return 0;
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            return Long.parseLong(
                    rows(st, "SELECT count(*) FROM " + table(downloaded, prefix)).get(0));
        }
    }

    private static TreeSet<String> partitions(List<String> keys, String prefix) {
        TreeSet<String> dates = new TreeSet<>();
        for (String key : keys) {
            Matcher m = KEY.matcher(key);
            if (m.matches() && m.group(1).equals(prefix)) {
                dates.add(m.group(2));
            }
        }
        return dates;
    }

    /** The downloaded objects of one output as one table, partitions from the keys, columns by name. */
    private static String table(Path downloaded, String prefix) {
        return "read_parquet('"
                + downloaded.resolve(prefix)
                + "/app.api/dt=*/*.parquet', hive_partitioning = true, union_by_name = true)";
    }

    private static List<String> compressions(Statement st, Path downloaded, String prefix)
            throws SQLException {
        return rows(
                st,
                "SELECT DISTINCT compression FROM parquet_metadata('"
                        + downloaded.resolve(prefix)
                        + "/app.api/dt=*/*.parquet')");
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
