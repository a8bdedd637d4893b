package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories S1 and S3 at their last step: objects written by the S3 output into a real S3 server
 * (S3Proxy), the table athena-ddl makes for them, and the story's query, run by DuckDB over the
 * table's LOCATION with the DDL's column types and hive partitioning, restricted to the partitions
 * the DDL's projection lists. Athena itself is not available; docs/athena.md says what this does not
 * check.
 */
class AthenaStoryTest {
    private static final String BUCKET = "hakobu-stories";

    @TempDir static Path dir;

    static S3ProxyServer s3proxy;

    @BeforeAll
    static void startS3() throws Exception {
        s3proxy = new S3ProxyServer(dir).start();
        s3proxy.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3proxy.close();
    }

    private static void write(String key, Chunk chunk) {
        var output =
                S3OutputTest.config(
                                s3proxy, BUCKET, key, Compression.GZIP, S3ProxyServer.CREDENTIAL)
                        .build(new OutputContext("s3", "n1", Clock.systemUTC()));
        assertThat(output.write(chunk)).isEqualTo(WriteResult.DELIVERED);
    }

    private static String ddl(String key, String tag, Map<String, String> columns) {
        S3OutputConfig s3 =
                S3OutputTest.config(
                        s3proxy, BUCKET, key, Compression.GZIP, S3ProxyServer.CREDENTIAL);
        return AthenaDdl.createTable(
                s3, tag, columns, LocalDate.parse("2020-08-01"), AthenaSerde.HIVE, Instant.now());
    }

    private static TestChunks.Event at(String isoTime, Map<String, ?> record) {
        Instant t = OffsetDateTime.parse(isoTime).toInstant();
        return new TestChunks.Event(t.getEpochSecond() * 1_000_000_000L + t.getNano(), record);
    }

    private static Map<String, Object> call(
            String camera, String api, String method, String parameter, String user) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("camera_id", camera);
        r.put("api", api);
        r.put("method", method);
        r.put("parameter", parameter);
        r.put("user", user);
        r.put("ua", "chrome");
        return r;
    }

    @Test
    void storyS1AnEventJustAfterMidnightInTokyoIsInTodaysPartitionAndTheQueryFindsIt()
            throws Exception {
        String key = "logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}";
        write(
                key,
                TestChunks.chunk(
                        "s1",
                        "app.api",
                        List.of(
                                at(
                                        "2020-07-20T10:00:00+09:00",
                                        call(
                                                "camera2",
                                                "/setting",
                                                "POST",
                                                "name=camera2",
                                                "owner-user")),
                                at(
                                        "2020-08-14T00:30:00+09:00",
                                        call(
                                                "camera2",
                                                "/setting",
                                                "POST",
                                                "name=hoge",
                                                "share-user")),
                                at(
                                        "2020-08-14T11:22:33+09:00",
                                        call("camera1", "/image", "GET", null, "user1")),
                                at(
                                        "2020-08-16T20:10:45+09:00",
                                        call(
                                                "camera2",
                                                "/setting",
                                                "POST",
                                                "name=camera2",
                                                "owner-user")))));
        assertThat(s3proxy.bucketDir(BUCKET).resolve("logs/app.api/dt=2020-08-14/n1-s1.json.gz"))
                .isRegularFile();
        var columns = AthenaColumns.infer(Files.readAllLines(TestData.file("sample/api.log")));
        AthenaTableReader table =
                new AthenaTableReader(ddl(key, "app.api", columns), s3proxy.bucketDir(BUCKET));

        // 00:30 in Tokyo on the 14th is 15:30 UTC on the 13th, where Athena evaluates NOW
        List<String> projected = table.projectedDates(Instant.parse("2020-08-13T15:30:00Z"));
        assertThat(projected).startsWith("2020-08-01").endsWith("2020-08-14");

        String story =
                "SELECT dt, \"time\", \"user\", parameter FROM t WHERE dt >= '2020-08-01'"
                        + " AND camera_id = 'camera2' AND dt IN ('"
                        + String.join("','", projected)
                        + "') ORDER BY \"time\"";
        assertThat(table.query(story))
                .containsExactly("2020-08-14 2020-08-14T00:30:00+09:00 share-user name=hoge");
        // the next day, the rename back is there too; July stays out of the dt predicate's scan
        List<String> later = table.projectedDates(Instant.parse("2020-08-31T00:00:00Z"));
        assertThat(
                        table.query(
                                story.replace(
                                        String.join("','", projected), String.join("','", later))))
                .containsExactly(
                        "2020-08-14 2020-08-14T00:30:00+09:00 share-user name=hoge",
                        "2020-08-16 2020-08-16T20:10:45+09:00 owner-user name=camera2");
    }

    @Test
    void storyS3EachAppsTableReadsOnlyThatAppsRows() throws Exception {
        String key = "history/${tag[1]}/dt=%Y-%m-%d/${node}-${chunk_id}";
        List<TestChunks.Event> shop = new ArrayList<>();
        List<TestChunks.Event> blog = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("path", "/cart");
            request.put("status", 200 + i);
            shop.add(
                    at(
                            "2024-05-0" + (i + 1) + "T12:00:00+09:00",
                            Map.of("user", "u" + i, "action", "cart.add", "request", request)));
        }
        blog.add(
                at(
                        "2024-05-02T08:00:00+09:00",
                        Map.of("user", "w1", "action", "post.publish", "post_id", 7)));
        write(key, TestChunks.chunk("shop-1", "app.shop", shop));
        write(key, TestChunks.chunk("blog-1", "app.blog", blog));
        assertThat(
                        s3proxy.bucketDir(BUCKET)
                                .resolve("history/shop/dt=2024-05-03/n1-shop-1.json.gz"))
                .isRegularFile();

        String shopDdl =
                ddl(
                        key,
                        "app.shop",
                        AthenaColumns.infer(
                                List.of(
                                        "{\"user\":\"u\",\"action\":\"a\",\"request\":{\"path\":\"/\",\"status\":200}}")));
        String blogDdl =
                ddl(
                        key,
                        "app.blog",
                        AthenaColumns.infer(
                                List.of("{\"user\":\"w\",\"action\":\"a\",\"post_id\":1}")));
        assertThat(shopDdl).contains("LOCATION 's3://" + BUCKET + "/history/shop/'");
        assertThat(blogDdl).contains("LOCATION 's3://" + BUCKET + "/history/blog/'");

        assertThat(
                        new AthenaTableReader(shopDdl, s3proxy.bucketDir(BUCKET))
                                .query(
                                        "SELECT dt, \"user\", action, request.status FROM t"
                                                + " WHERE dt >= '2024-05-01' ORDER BY dt"))
                .containsExactly(
                        "2024-05-01 u0 cart.add 200",
                        "2024-05-02 u1 cart.add 201",
                        "2024-05-03 u2 cart.add 202");
        assertThat(
                        new AthenaTableReader(blogDdl, s3proxy.bucketDir(BUCKET))
                                .query(
                                        "SELECT dt, \"user\", action, post_id FROM t"
                                                + " WHERE dt >= '2024-05-01' ORDER BY dt"))
                .containsExactly("2024-05-02 w1 post.publish 7");
    }
}
