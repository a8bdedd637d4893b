package dev.hakobu.outputs.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.DataSize;
import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.file.FileOutputConfig;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.format.ParquetConfig;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code format: parquet} in the file output: one {@code .parquet} file per chunk and partition, which DuckDB
 * reads with the story's query, the event time as a timestamp and each field as a typed column.
 */
class FileOutputParquetTest {
    @TempDir Path root;
    @TempDir Path state;

    private WriteResult write(dev.hakobu.output.Chunk chunk) {
        return write(chunk, Optional.empty());
    }

    private WriteResult write(dev.hakobu.output.Chunk chunk, Optional<ParquetConfig> parquet) {
        return new FileOutputConfig(
                        root,
                        "${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        "parquet",
                        Compression.ZSTD,
                        0,
                        ZoneId.of("Asia/Tokyo"),
                        EventTimeConfig.defaults(),
                        Optional.empty(),
                        parquet)
                .build(
                        new OutputContext(
                                "local", "n1", Clock.systemUTC(), state.resolve("dead"), state))
                .write(chunk);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Story S1: 3 story lines among 200 of other cameras, over 3 days. */
    private static List<Map<String, Object>> storyS1() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(
                    S1Records.apiCall(
                            String.format("2020-08-14T10:%02d:%02d+09:00", i / 60, i % 60),
                            "camera" + (3 + i % 7),
                            "/image",
                            "GET",
                            null,
                            "user" + i % 5));
        }
        records.add(
                S1Records.apiCall(
                        "2020-08-14T11:22:33+09:00", "camera1", "/image", "GET", null, "user1"));
        records.add(
                S1Records.apiCall(
                        "2020-08-14T11:22:34+09:00",
                        "camera2",
                        "/setting",
                        "POST",
                        "name=hoge",
                        "share-user"));
        for (int i = 0; i < 100; i++) {
            records.add(
                    S1Records.apiCall(
                            String.format("2020-08-15T09:%02d:%02d+09:00", i / 60, i % 60),
                            "camera" + (3 + i % 7),
                            "/live",
                            "GET",
                            "q=" + i,
                            "user" + i % 5));
        }
        records.add(
                S1Records.apiCall(
                        "2020-08-16T20:10:45+09:00",
                        "camera2",
                        "/setting",
                        "POST",
                        "name=camera2",
                        "owner-user"));
        return records;
    }

    @Test
    void storyS1sQueryReadsExactlyTheTwoRowsFromTheParquetFiles() throws Exception {
        assertThat(write(S1Records.chunk("c1", "app.api", storyS1())))
                .isEqualTo(WriteResult.DELIVERED);

        assertThat(files())
                .containsExactly(
                        root.resolve("app.api/dt=2020-08-14/n1-c1.parquet"),
                        root.resolve("app.api/dt=2020-08-15/n1-c1.parquet"),
                        root.resolve("app.api/dt=2020-08-16/n1-c1.parquet"));
        String all = "read_parquet('" + root + "/**/*.parquet', hive_partitioning = true)";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            assertThat(rows(st, "SELECT count(*) FROM " + all)).containsExactly("203");
            assertThat(
                            rows(
                                    st,
                                    "SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM "
                                            + "read_parquet('"
                                            + root
                                            + "/app.api/dt=2020-08-14/n1-c1.parquet', hive_partitioning = false))"))
                    .containsExactly(
                            "time TIMESTAMP WITH TIME ZONE",
                            "timestamp VARCHAR",
                            "camera_id VARCHAR",
                            "api VARCHAR",
                            "method VARCHAR",
                            "parameter VARCHAR",
                            "user VARCHAR",
                            "ua VARCHAR");
            assertThat(
                            rows(
                                    st,
                                    "SELECT DISTINCT compression FROM parquet_metadata('"
                                            + root
                                            + "/**/*.parquet')"))
                    .containsExactly("ZSTD");
            assertThat(
                            rows(
                                    st,
                                    "SELECT strftime(time, '%Y-%m-%d %H:%M:%S') || ' ' || api || ' '"
                                            + " || method || ' ' || parameter || ' ' || \"user\" FROM "
                                            + all
                                            + " WHERE dt >= '2020-08-01' AND camera_id = 'camera2'"
                                            + " ORDER BY time"))
                    .containsExactly(
                            "2020-08-14 02:22:34 /setting POST name=hoge share-user",
                            "2020-08-16 11:10:45 /setting POST name=camera2 owner-user");
        }
    }

    @Test
    void withNestedJsonIntegersBooleansAndDoublesAreTypedNestedValuesAreJsonMixedTypesAreStrings()
            throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("timestamp", "2020-08-14T11:22:33+09:00");
        first.put("status", 200);
        first.put("ok", true);
        first.put("latency", 0.25);
        first.put("params", Map.of("name", "hoge"));
        first.put("tags", List.of("a", "b"));
        first.put("user", "user1");
        first.put("big", new BigInteger("12345678901234567890"));
        records.add(first);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("timestamp", "2020-08-14T11:22:34+09:00");
        second.put("status", 404);
        second.put("user", Map.of("id", 7));
        second.put("late", "only here");
        records.add(second);

        ParquetConfig nestedJson =
                new ParquetConfig(
                        Map.of(),
                        NestedValues.JSON,
                        List.of(),
                        DataSize.ofBytes(128 << 20),
                        DataSize.ofBytes(1 << 20),
                        20_000,
                        true,
                        List.of());
        assertThat(write(S1Records.chunk("c2", "app.api", records), Optional.of(nestedJson)))
                .isEqualTo(WriteResult.DELIVERED);

        String file =
                "read_parquet('"
                        + root
                        + "/app.api/dt=2020-08-14/n1-c2.parquet', hive_partitioning = false)";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            assertThat(
                            rows(
                                    st,
                                    "SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM "
                                            + file
                                            + ")"))
                    .containsExactly(
                            "time TIMESTAMP WITH TIME ZONE",
                            "timestamp VARCHAR",
                            "status BIGINT",
                            "ok BOOLEAN",
                            "latency DOUBLE",
                            "params VARCHAR",
                            "tags VARCHAR",
                            "user VARCHAR",
                            "big VARCHAR",
                            "late VARCHAR");
            assertThat(
                            rows(
                                    st,
                                    "SELECT concat_ws('|', status, ok, latency, params, tags, \"user\","
                                            + " big, late) FROM "
                                            + file
                                            + " ORDER BY time"))
                    .containsExactly(
                            "200|true|0.25|{\"name\":\"hoge\"}|[\"a\",\"b\"]|user1|12345678901234567890",
                            "404|{\"id\":7}|only here");
        }
    }

    private static List<String> rows(Statement st, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
