package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import dev.hakobu.outputs.schema.RegistrySchema;
import dev.hakobu.outputs.schema.RegistrySchema.Column;
import dev.hakobu.outputs.schema.RegistrySchema.Widening;
import dev.hakobu.outputs.schema.SchemaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hakobu athena-ddl} for an S3 output with {@code format: parquet}: columns from the declared types
 * and the output's schema registry (its state directory, or {@code --schema} files merged), warnings for
 * widened columns on stdout (comments) and stderr.
 */
class AthenaDdlParquetCommandTest {
    private static final Instant T1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-03T00:00:00Z");

    @TempDir Path work;

    private CliRun run(String... args) throws Exception {
        Files.writeString(
                work.resolve("aggregator.yaml"),
                """
                state_dir: %s
                listen: {port: 0}
                outputs:
                  archive:
                    type: s3
                    bucket: hakobu-logs
                    time_zone: Asia/Tokyo
                    format: parquet
                    parquet:
                      types: {camera_id: string, status: bigint}
                      sort_by: [camera_id]
                routes:
                  - {match: "app.**", outputs: [archive]}
                """
                        .formatted(work.resolve("state")));
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "athena-ddl",
                                "--config",
                                work.resolve("aggregator.yaml").toString(),
                                "--tag",
                                "app.api",
                                "--since",
                                "2020-08-01"));
        all.addAll(List.of(args));
        return CliRun.of(all);
    }

    private static RegistrySchema registry(Map<String, Column> columns, Widening... widenings) {
        Map<RegistrySchema.WideningKey, Widening> byKey = new LinkedHashMap<>();
        for (Widening w : widenings) {
            byKey.put(w.key(), w);
        }
        return new RegistrySchema(columns, byKey);
    }

    private static Map<String, Column> columns(Object... nameTypeTime) {
        Map<String, Column> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTypeTime.length; i += 3) {
            m.put(
                    (String) nameTypeTime[i],
                    new Column((FieldType) nameTypeTime[i + 1], (Instant) nameTypeTime[i + 2]));
        }
        return m;
    }

    @Test
    void beforeAnyObjectTheTableHasTheDeclaredColumnsAndSaysTheObservedOnesComeLater()
            throws Exception {
        CliRun r = run();

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "-- output 'archive', tag app.api\n"
                                + "-- WARNING no schema registry yet: the table has the declared"
                                + " columns only; the observed ones appear here once the output has"
                                + " written its first objects\n"
                                + "CREATE EXTERNAL TABLE IF NOT EXISTS `app_api` (\n"
                                + "  `time` timestamp,\n"
                                + "  `camera_id` string,\n"
                                + "  `status` bigint,\n"
                                + "  `_raw` map<string,string>,\n"
                                + "  `_type_error` string\n"
                                + ")\n"
                                + "PARTITIONED BY (`dt` string)\n"
                                + "STORED AS PARQUET\n"
                                + "LOCATION 's3://hakobu-logs/logs/app.api/'\n"
                                + "TBLPROPERTIES (\n"
                                + "  'projection.enabled' = 'true',\n"
                                + "  'projection.dt.type' = 'date',\n"
                                + "  'projection.dt.format' = 'yyyy-MM-dd',\n"
                                + "  'projection.dt.range' = '2020-08-01,NOW+9HOURS',\n"
                                + "  'projection.dt.interval' = '1',\n"
                                + "  'projection.dt.interval.unit' = 'DAYS',\n"
                                + "  'storage.location.template' = 's3://hakobu-logs/logs/app.api/dt=${dt}'\n"
                                + ");\n\n");
        assertThat(r.err())
                .isEqualTo(
                        "athena-ddl: outputs.archive: no schema registry yet: the table has the"
                                + " declared columns only; the observed ones appear here once the output"
                                + " has written its first objects\n");
    }

    @Test
    void theRegistryInTheOutputsStateDirGivesTheObservedColumnsAndItsWideningsAWarning()
            throws Exception {
        SchemaFile.write(
                work.resolve("state/outputs/archive/parquet-schema.json"),
                registry(
                        columns(
                                "user",
                                Scalar.STRING,
                                T1,
                                "req",
                                new Struct(Map.of("path", Scalar.STRING)),
                                T2),
                        new Widening("user", Scalar.BIGINT, Scalar.STRING, T2, 4, true)));

        CliRun r = run();

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "-- WARNING column `user` widened: bigint -> string since"
                                + " 2026-12-03T00:00:00Z (4 objects, objects before hold bigint)."
                                + " Objects written before hold bigint. Trino reads Parquet bigint and"
                                + " double columns as varchar from version 452")
                .contains(
                        "  `_type_error` string,\n  `user` string,\n  `req` struct<path:string>\n)");
        assertThat(r.err())
                .startsWith("athena-ddl: outputs.archive: column `user` widened: bigint");
    }

    @Test
    void severalNodesRegistriesGivenWithSchemaAreMergedByTheSameRules() throws Exception {
        Path a = work.resolve("a.json");
        Path b = work.resolve("b.json");
        SchemaFile.write(
                a,
                registry(
                        columns(
                                "n",
                                Scalar.BIGINT,
                                T1,
                                "s",
                                new Struct(Map.of("x", Scalar.BIGINT)),
                                T1)));
        SchemaFile.write(
                b,
                registry(
                        columns(
                                "n",
                                Scalar.DOUBLE,
                                T2,
                                "s",
                                new Struct(Map.of("y", Scalar.STRING)),
                                T2)));

        CliRun r = run("--schema", a.toString(), "--schema", b.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("  `n` double,\n  `s` struct<x:bigint,y:string>\n)")
                .contains(
                        "-- WARNING column `n` widened: bigint -> double since 2026-12-03T00:00:00Z"
                                + " (0 objects, objects before hold bigint). Objects written before hold"
                                + " INT64. Trino reads Parquet integers as double from version 446");
    }

    @Test
    void columnNamesFromTheLogsCannotBreakOutOfTheirQuotesOrTheWarningComment() throws Exception {
        String name = "x`\nDROP TABLE app_api; --";
        String quoted = "y`z";
        SchemaFile.write(
                work.resolve("state/outputs/archive/parquet-schema.json"),
                registry(
                        columns(name, Scalar.STRING, T1, quoted, Scalar.STRING, T1),
                        new Widening(name, Scalar.BIGINT, Scalar.STRING, T2, 1, true)));

        CliRun r = run();

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).noneMatch(line -> line.startsWith("DROP"));
        assertThat(r.out())
                .contains(
                        "-- WARNING column `x`\\u000aDROP TABLE app_api; --` left out: its name or"
                                + " a member's has a line break or control character")
                .contains("-- WARNING column `x`\\u000aDROP TABLE app_api; --` widened")
                .contains("  `_type_error` string,\n  `y``z` string\n)");
    }

    @Test
    void aColumnEqualToAnotherButForCaseIsLeftOutWithAWarning() throws Exception {
        SchemaFile.write(
                work.resolve("state/outputs/archive/parquet-schema.json"),
                registry(
                        columns(
                                "user",
                                Scalar.STRING,
                                T1,
                                "User",
                                Scalar.BIGINT,
                                T2,
                                "Camera_ID",
                                Scalar.STRING,
                                T2)));

        CliRun r = run();

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "-- WARNING column `User` left out: Athena's column names ignore case and"
                                + " `user` is a column already")
                .contains(
                        "-- WARNING column `Camera_ID` left out: Athena's column names ignore case"
                                + " and `camera_id` is a column already")
                .contains("  `_type_error` string,\n  `user` string\n)");
    }

    @Test
    void aSchemaFileThatIsNotARegistryIsOneLineAndExit2() throws Exception {
        Path broken = work.resolve("broken.json");
        Files.writeString(broken, "[]");

        CliRun r = run("--schema", broken.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList())
                .singleElement()
                .asString()
                .isEqualTo(
                        "hakobu athena-ddl: --schema: "
                                + broken
                                + ": not a Parquet schema registry this Hakobu can read (expected"
                                + " START_OBJECT, got START_ARRAY at byte 0)");
    }
}
