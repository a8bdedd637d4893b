package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.outputs.s3.S3ProxyServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story S1 end to end: agent -> aggregator -> S3 (S3Proxy, SigV4) while S3 is down mid-run (30 s; the
 * long run sets {@code -Dhakobu.s3.outage.seconds=60}); then DuckDB reads the hive-partitioned objects as
 * Athena would. Every line is there exactly once, the masked token appears nowhere, and the story's query
 * with its dt predicate answers.
 */
class S3EndToEndIT {
    private static final String BUCKET = "hakobu-athena";
    private static final int LINES = 60_000;
    private static final int OUTAGE_MILLIS =
            1000 * Integer.getInteger("hakobu.s3.outage.seconds", 30);

    @TempDir Path work;

    @Test
    void linesReachS3ExactlyOnceThroughAnOutageAndAnswerTheStoryQuery() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer(work.resolve("s3")).start()) {
            s3.createBucket(BUCKET);
            String output =
                    ("{type: s3, bucket: %s, endpoint: \"%s\", path_style: true, compression: gzip, time_zone: Asia/Tokyo,"
                                    + " credentials: {access_key_id: %s, secret_access_key: %s}}")
                            .formatted(
                                    BUCKET,
                                    s3.endpoint(),
                                    S3ProxyServer.IDENTITY,
                                    S3ProxyServer.CREDENTIAL);
            try (Roles roles = new Roles(work, output);
                    LineWriter writer =
                            new LineWriter(
                                    roles.logs.resolve("api.log"),
                                    OffsetDateTime.parse("2020-08-14T23:59:30+09:00"))) {
                roles.startAggregator();
                roles.startAgent();
                for (int i = 0; i < 20; i++) {
                    writer.write(LINES / 60);
                    Thread.sleep(50);
                }
                s3.stop();
                for (int i = 0; i < 20; i++) {
                    writer.write(LINES / 60);
                    Thread.sleep(50);
                }
                Thread.sleep(OUTAGE_MILLIS - 20 * 50);
                s3.start();
                for (int i = 0; i < 20; i++) {
                    writer.write(LINES / 60);
                    Thread.sleep(50);
                }
                long[] counts = awaitRows(s3.bucketDir(BUCKET), LINES);
                FaultReport.print(
                        "s3-down-" + OUTAGE_MILLIS / 1000 + "s",
                        LINES,
                        counts[1],
                        counts[0] - counts[1],
                        "");
                assertThat(counts[1]).as("distinct lines; " + roles.logsTail()).isEqualTo(LINES);
                assertThat(counts[0]).as("rows (duplicates show here)").isEqualTo(LINES);
                assertThat(counts[2]).as("rows with an unmasked token").isZero();
                assertThat(counts[3])
                        .as("camera2's rows in the story query")
                        .isEqualTo(expectedCamera2());
            }
        }
    }

    /** Lines are camera (seq % 7): camera2's count among 0..LINES-1. */
    private static long expectedCamera2() {
        return (LINES - 2 + 6) / 7;
    }

    /** Polls with DuckDB until all lines are there (or two minutes pass): {rows, distinct, leaked, camera2}. */
    private static long[] awaitRows(Path bucket, int lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long[] counts;
        do {
            Thread.sleep(1000);
            counts = query(bucket);
        } while (counts[1] < lines && System.nanoTime() < deadline);
        return counts;
    }

    private static long[] query(Path bucket) throws Exception {
        String glob = bucket.resolve("logs/app.api") + "/dt=*/*.json.gz";
        if (!java.nio.file.Files.isDirectory(bucket.resolve("logs/app.api"))) {
            return new long[4];
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET autoinstall_known_extensions=false");
            st.execute(
                    "CREATE VIEW logs AS SELECT * FROM read_json_auto('"
                            + glob
                            + "', hive_partitioning=true)");
            ResultSet rs =
                    st.executeQuery(
                            "SELECT count(*), count(DISTINCT seq), count(*) FILTER (WHERE parameter LIKE '%tok-%'),"
                                    + " count(*) FILTER (WHERE dt >= '2020-08-01' AND camera_id = 'camera2') FROM logs");
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        } catch (java.sql.SQLException e) {
            return new long
                    [4]; // an object renamed into place while DuckDB listed; the next poll sees it
        }
    }
}
