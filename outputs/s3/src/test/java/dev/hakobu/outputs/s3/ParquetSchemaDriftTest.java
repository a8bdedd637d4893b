package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.DataSize;
import dev.hakobu.encoding.ColumnarOptions.DeclaredType;
import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.file.FileOutputConfig;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.format.ParquetConfig;
import dev.hakobu.outputs.s3.ParquetTableCheck.Finding;
import dev.hakobu.outputs.s3.ParquetTableCheck.Verdict;
import dev.hakobu.outputs.schema.RegistrySchema;
import dev.hakobu.outputs.schema.SchemaFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story S4's shape change in Parquet: days 1-3 have {@code user} as a string, day 4 as an object with nested
 * fields, plus new nested fields and a 20-digit integer in {@code txn} (a bigint until then). Written through
 * the file output with {@code format: parquet} and its schema registry, then (a) every row of the four days
 * reads back with DuckDB, day 4's {@code user} as the original objects' JSON and the 20-digit integers'
 * digits exact, and (b) the table athena-ddl prints from the registry reads every column of every object
 * ({@link ParquetTableCheck}'s rules). Nothing lost.
 */
class ParquetSchemaDriftTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String PATH = "logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}";
    private static final String TAG = "app.s4";
    private static final int PER_DAY = 30;
    private static final BigInteger BIG = new BigInteger("12345678901234567890");

    @TempDir Path root;
    @TempDir Path state;

    private Output output;

    private static ParquetConfig parquet() {
        Map<String, DeclaredType> types = new LinkedHashMap<>();
        types.put("id", DeclaredType.BIGINT);
        types.put("action", DeclaredType.STRING);
        return new ParquetConfig(
                types,
                NestedValues.STRUCT,
                List.of(),
                DataSize.ofBytes(128L << 20),
                DataSize.ofBytes(1 << 20),
                20_000,
                true,
                List.of());
    }

    @BeforeEach
    void output() {
        output =
                new FileOutputConfig(
                                root,
                                PATH,
                                "parquet",
                                Compression.ZSTD,
                                0,
                                TOKYO,
                                EventTimeConfig.defaults(),
                                Optional.empty(),
                                Optional.of(parquet()))
                        .build(
                                new OutputContext(
                                        "s4",
                                        "n1",
                                        Clock.systemUTC(),
                                        state.resolve("dead"),
                                        state));
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static String time(int day, int i) {
        return String.format("2020-08-%02dT10:%02d:%02d+09:00", 10 + day, i / 60, i % 60);
    }

    /** Days 1-3: user a string, txn a small integer. */
    private static Map<String, Object> before(int day, int i) {
        int n = day * 100 + i;
        return map(
                "id",
                n,
                "action",
                i % 2 == 0 ? "click" : "push_open",
                "user",
                "u" + i % 5,
                "txn",
                n * 1000L,
                "device",
                map("os", "ios"));
    }

    /** Day 4: user an object, txn 20 digits, device.ver and experiments new, one id that is no integer. */
    private static Map<String, Object> after(int i) {
        return map(
                "id", i == 7 ? "n/a" : 400 + i,
                "action", i % 2 == 0 ? "click" : "push_open",
                "user", user(i),
                "txn", BIG.add(BigInteger.valueOf(i)),
                "device", map("os", "ios", "ver", map("major", 13, "minor", 5)),
                "experiments", List.of(map("id", "e1", "arm", i % 2 == 0 ? "a" : "b")));
    }

    private static Map<String, Object> user(int i) {
        return map(
                "id",
                "u" + i % 5,
                "plan",
                "free",
                "prefs",
                map("lang", "ja", "topics", List.of("tech", "sports")));
    }

    private static String userJson(int i) {
        return "{\"id\":\"u"
                + i % 5
                + "\",\"plan\":\"free\",\"prefs\":{\"lang\":\"ja\",\"topics\":[\"tech\",\"sports\"]}}";
    }

    private static TestChunks.Event at(String iso, Map<String, Object> record) {
        Instant t = OffsetDateTime.parse(iso).toInstant();
        return new TestChunks.Event(t.getEpochSecond() * 1_000_000_000L + t.getNano(), record);
    }

    /** Writes the four days: one object each for days 1-3, two for day 4. */
    private void writeFourDays() {
        for (int day = 1; day <= 3; day++) {
            List<TestChunks.Event> events = new ArrayList<>();
            for (int i = 0; i < PER_DAY; i++) {
                events.add(at(time(day, i), before(day, i)));
            }
            assertThat(output.write(TestChunks.chunk("d" + day, TAG, events)))
                    .isEqualTo(WriteResult.DELIVERED);
        }
        for (int half = 0; half < 2; half++) {
            List<TestChunks.Event> events = new ArrayList<>();
            for (int i = half * PER_DAY / 2; i < (half + 1) * PER_DAY / 2; i++) {
                events.add(at(time(4, i), after(i)));
            }
            Chunk chunk = TestChunks.chunk("d4" + (char) ('a' + half), TAG, events);
            assertThat(output.write(chunk)).isEqualTo(WriteResult.DELIVERED);
        }
    }

    private List<Path> objects() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void everyRowOfTheFourDaysReadsBackWithDayFoursUsersAsTheirJsonAndTheDigitsExact()
            throws Exception {
        writeFourDays();

        assertThat(objects()).hasSize(5);
        String all =
                "read_parquet('"
                        + root
                        + "/**/*.parquet', union_by_name = true, hive_partitioning = true)";
        assertThat(rows("SELECT count(*) FROM " + all))
                .containsExactly(String.valueOf(4 * PER_DAY));
        assertThat(rows("SELECT count(DISTINCT dt) FROM " + all)).containsExactly("4");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < PER_DAY; i++) {
            expected.add(userJson(i) + " " + BIG.add(BigInteger.valueOf(i)));
        }
        assertThat(
                        rows(
                                "SELECT \"user\" || ' ' || txn FROM "
                                        + all
                                        + " WHERE dt = '2020-08-14' ORDER BY time"))
                .containsExactlyElementsOf(expected);
        assertThat(
                        rows(
                                "SELECT \"user\" || ' ' || txn FROM "
                                        + all
                                        + " WHERE dt = '2020-08-12' ORDER BY time LIMIT 2"))
                .containsExactly("u0 200000", "u1 201000");
        assertThat(
                        rows(
                                "SELECT device.ver.major || ' ' || experiments[1].arm || ' ' ||"
                                        + " coalesce(id::VARCHAR, 'NULL') || ' ' || _raw['id'] || ' ' ||"
                                        + " _type_error FROM "
                                        + all
                                        + " WHERE _type_error IS NOT NULL"))
                .containsExactly("13 b NULL n/a id: cannot read 'n/a' as bigint");
    }

    @Test
    void theTableAthenaDdlPrintsFromTheRegistryReadsEveryColumnOfEveryObject() throws Exception {
        writeFourDays();
        RegistrySchema registry = SchemaFile.read(state.resolve(ParquetConfig.SCHEMA_FILE));

        AthenaParquetColumns table = AthenaParquetColumns.of(s3(), Optional.of(registry));
        String ddl =
                AthenaDdl.createParquetTable(
                        s3(), TAG, table.columns(), LocalDate.parse("2020-08-01"), Instant.now());

        Map<String, String> columns = ParquetTableCheck.columns(ddl);
        assertThat(columns)
                .containsExactlyEntriesOf(
                        orderedMap(
                                "time", "timestamp",
                                "id", "bigint",
                                "action", "string",
                                "_raw", "map<string,string>",
                                "_type_error", "string",
                                "user", "string",
                                "txn", "string",
                                "device", "struct<os:string,ver:struct<major:bigint,minor:bigint>>",
                                "experiments", "array<struct<id:string,arm:string>>"));
        assertThat(ddl).contains("STORED AS PARQUET\n");
        assertThat(table.warnings())
                .containsExactly(
                        "column `user` widened: "
                                + registry.widenings().values().stream()
                                        .filter(w -> w.column().equals("user"))
                                        .findFirst()
                                        .orElseThrow()
                                        .describe()
                                + ". The column had that type already: those values are written as their"
                                + " text (a structure as its JSON), every object reads.",
                        "column `txn` widened: "
                                + registry.widenings().values().stream()
                                        .filter(w -> w.column().equals("txn"))
                                        .findFirst()
                                        .orElseThrow()
                                        .describe()
                                + ". "
                                + AthenaParquetColumns.meaning(
                                        registry.widenings().values().stream()
                                                .filter(w -> w.column().equals("txn"))
                                                .findFirst()
                                                .orElseThrow()));

        List<Finding> findings = new ArrayList<>();
        for (Path object : objects()) {
            findings.addAll(ParquetTableCheck.check(object, columns));
        }
        assertThat(findings).filteredOn(f -> f.verdict() == Verdict.FAILS).isEmpty();
        assertThat(findings)
                .filteredOn(f -> f.verdict() == Verdict.COERCED)
                .extracting(f -> root.relativize(f.file()) + " " + f.column())
                .containsExactly(
                        "logs/app.s4/dt=2020-08-11/n1-d1.parquet txn",
                        "logs/app.s4/dt=2020-08-12/n1-d2.parquet txn",
                        "logs/app.s4/dt=2020-08-13/n1-d3.parquet txn");
    }

    @Test
    void theOtherWayRoundObjectsHoldingUserAsAGroupCannotBeReadAsStringAndTheDdlSaysSo()
            throws Exception {
        List<TestChunks.Event> objectsFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            objectsFirst.add(at(time(1, i), map("user", user(i))));
        }
        assertThat(output.write(TestChunks.chunk("d1", TAG, objectsFirst)))
                .isEqualTo(WriteResult.DELIVERED);
        assertThat(
                        output.write(
                                TestChunks.chunk(
                                        "d2", TAG, List.of(at(time(2, 0), map("user", "u0"))))))
                .isEqualTo(WriteResult.DELIVERED);
        RegistrySchema registry = SchemaFile.read(state.resolve(ParquetConfig.SCHEMA_FILE));

        AthenaParquetColumns table = AthenaParquetColumns.of(s3(), Optional.of(registry));

        assertThat(table.columns()).containsEntry("user", "string");
        assertThat(table.warnings())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("objects before hold struct<id:string,plan:string,")
                .contains("Athena cannot read as string: queries that read this column fail");
        Map<String, String> columns =
                ParquetTableCheck.columns(
                        AthenaDdl.createParquetTable(
                                s3(),
                                TAG,
                                table.columns(),
                                LocalDate.parse("2020-08-01"),
                                Instant.now()));
        List<Finding> findings = new ArrayList<>();
        for (Path object : objects()) {
            findings.addAll(ParquetTableCheck.check(object, columns));
        }
        assertThat(findings)
                .filteredOn(f -> f.verdict() == Verdict.FAILS)
                .extracting(f -> root.relativize(f.file()) + " " + f.column())
                .containsExactly("logs/app.s4/dt=2020-08-11/n1-d1.parquet user");
    }

    private static S3OutputConfig s3() {
        return new S3OutputConfig(
                "hakobu-logs",
                PATH,
                "ap-northeast-1",
                Optional.empty(),
                false,
                Optional.empty(),
                "parquet",
                Compression.ZSTD,
                0,
                TOKYO,
                EventTimeConfig.defaults(),
                S3OutputConfig.ServerSideEncryption.NONE,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                DataSize.ofBytes(16L << 20),
                DataSize.ofBytes(8L << 20),
                Optional.empty(),
                Optional.empty(),
                Optional.of(parquet()));
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }
}
