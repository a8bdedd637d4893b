package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.parse.JsonParserConfig;
import dev.hakobu.agent.parse.LineParser;
import dev.hakobu.agent.parse.RecordBuilder;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story S1 as support staff meet it: the sample API calls go through the S3 output into a real S3
 * server, and DuckDB reads the hive-partitioned objects the way Athena would. The query with the dt
 * predicate finds exactly the two renames of camera2.
 */
class StoryS1QueryIT {
    private static final String BUCKET = "hakobu-athena";

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

    @Test
    void supportFindsWhoRenamedCamera2AndWhenWithOnePartitionedQuery() throws Exception {
        var config =
                S3OutputTest.config(
                        s3proxy,
                        BUCKET,
                        "logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        Compression.GZIP,
                        S3ProxyServer.CREDENTIAL);
        var output =
                config.build(
                        new dev.hakobu.output.OutputContext(
                                "s3", "n1", java.time.Clock.systemUTC()));
        assertThat(output.write(sampleChunk())).isEqualTo(WriteResult.DELIVERED);

        Path table = s3proxy.bucketDir(BUCKET).resolve("logs/app.api");
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET autoinstall_known_extensions=false");
            ResultSet rs =
                    st.executeQuery(
                            "SELECT dt, \"time\", \"user\", parameter FROM read_json_auto('"
                                    + table
                                    + "/dt=*/*.json.gz', hive_partitioning=true) WHERE dt >= '2020-08-01' AND camera_id = 'camera2' AND api = '/setting' ORDER BY \"time\"");
            while (rs.next()) {
                rows.add(
                        rs.getString(1)
                                + " "
                                + rs.getString(2)
                                + " "
                                + rs.getString(3)
                                + " "
                                + rs.getString(4));
            }
        }
        // "time" is the event time the output stored (the agent took it from "timestamp"), ISO-8601
        // in the
        // output's zone; DuckDB reads it as an instant and prints it in UTC: 11:22:34+09:00 is
        // 02:22:34Z
        assertThat(rows)
                .containsExactly(
                        "2020-08-14 2020-08-14T02:22:34Z share-user name=hoge",
                        "2020-08-16 2020-08-16T11:10:45Z owner-user name=camera2");
    }

    /** The sample log's well-formed lines (src-test-data/sample/api.log), parsed as the agent does. */
    private static Chunk sampleChunk() throws Exception {
        LineParser parser =
                new JsonParserConfig(Optional.of("timestamp"), "iso8601", ZoneId.of("UTC")).build();
        RecordBuilder record = new RecordBuilder();
        EntryWriter entries = new EntryWriter(4096);
        for (String line : Files.readAllLines(TestData.file("sample/api.log"))) {
            if (!line.endsWith("}")) {
                continue; // the sample's malformed line lands at arrival time; not part of this
                // story
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            parser.parse(bytes, 0, bytes.length, 0, record);
            entries.add(
                    record.eventNanos(),
                    record.array(),
                    record.start(),
                    record.end() - record.start());
        }
        return new Chunk("s1", "app.api", entries.array(), 0, entries.size(), entries.count());
    }
}
