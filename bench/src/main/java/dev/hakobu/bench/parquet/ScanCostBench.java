package dev.hakobu.bench.parquet;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.hakobu.aggregator.buffer.BufferConfig;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.file.FileOutputConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Issue 21's cost measurement: what story S1's query {@code SELECT * FROM logs WHERE dt >= '2020-08-01'
 * AND camera_id = 'camera2'} must read, per storage format, over 30 days of generated S1 data.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.hakobu.bench.parquet.ScanCostBench \
 *     [--days 30] [--per-day 250000] [--cameras 5000] [--work DIR] [--no-duckdb]
 *     [--chunk-bytes B] [--chunk-records N] [VARIANT ...]
 * </pre>
 *
 * Each variant's objects are written by the real file output ({@code type: file}), built from the
 * variant's YAML like the aggregator builds it, one object per buffer chunk and {@code dt} partition at the
 * buffer's default chunk bound ({@link S1Days}; {@code --chunk-bytes}/{@code --chunk-records} set another). A VARIANT is {@code NAME;YAML;OPTIONS}: YAML is the file
 * output's settings as a flow mapping without {@code root} (so writer options an output gains later, such
 * as a {@code parquet:} section with {@code sort_by}, are measured by passing them here, with no code
 * change); OPTIONS, comma-separated, are the bench's own stand-ins until then: {@code sort} (the bench
 * orders each chunk by camera_id, then time, before the output gets it) and {@code rows=N},
 * {@code page=BYTES}, {@code rowgroup=BYTES}, {@code writer=v2} (each object rewritten with those parquet-java limits,
 * {@link PageSettingsRewrite}). Without VARIANTs, the table of the results file is measured.
 *
 * <p>JSON lines cost every byte of every object in range; Parquet's cost comes from the footers
 * ({@link ParquetScan}). DuckDB runs the story's query over each variant's objects to check that the
 * files hold exactly the rows the generator made for camera2. Prints Markdown. Not a test.
 */
public final class ScanCostBench {
    static final String QUERY_COLUMN = "camera_id";
    static final String QUERY_VALUE = "camera2";
    static final String QUERY_FROM = "2020-08-01";
    private static final Pattern DT = Pattern.compile("dt=(\\d{4}-\\d{2}-\\d{2})");

    /** One storage layout to measure. */
    record Variant(String name, String yaml, boolean sort, PageSettingsRewrite rewrite) {
        static Variant parse(String spec) {
            String[] p = spec.split(";", -1);
            if (p.length != 3) {
                throw new IllegalArgumentException("variant: NAME;YAML;OPTIONS, not " + spec);
            }
            boolean sort = false;
            List<String> pageSettings = new ArrayList<>();
            for (String option : p[2].split(",")) {
                if (option.isBlank()) {
                    continue;
                }
                if (option.trim().equals("sort")) {
                    sort = true;
                } else {
                    pageSettings.add(option.trim());
                }
            }
            return new Variant(
                    p[0],
                    p[1],
                    sort,
                    pageSettings.isEmpty()
                            ? null
                            : PageSettingsRewrite.parse(String.join(",", pageSettings)));
        }

        boolean parquet() {
            return yaml.contains("parquet");
        }
    }

    /** The measurements of the results file: JSON gzip, then Parquet zstd unsorted and sorted by pages. */
    static final List<String> DEFAULT_VARIANTS =
            List.of(
                    "json-gzip;{format: json, compression: gzip};",
                    "json-gzip level 6;{format: json, compression: gzip, compression_level: 6};",
                    "parquet;{format: parquet, compression: zstd};",
                    "parquet, rows=1000;{format: parquet, compression: zstd};rows=1000",
                    "parquet sorted;{format: parquet, compression: zstd};sort",
                    "parquet sorted, rewritten with defaults;{format: parquet, compression: zstd};"
                            + "sort,rows=20000",
                    "parquet sorted, rows=5000;{format: parquet, compression: zstd};sort,rows=5000",
                    "parquet sorted, rows=2000;{format: parquet, compression: zstd};sort,rows=2000",
                    "parquet sorted, rows=1000;{format: parquet, compression: zstd};sort,rows=1000",
                    "parquet sorted, rows=500;{format: parquet, compression: zstd};sort,rows=500",
                    "parquet sorted, rows=1000, v2;{format: parquet, compression: zstd};"
                            + "sort,rows=1000,writer=v2",
                    "parquet sorted, rows=5000, v2;{format: parquet, compression: zstd};"
                            + "sort,rows=5000,writer=v2",
                    "parquet sorted, row groups 128 KiB;{format: parquet, compression: zstd};"
                            + "sort,rowgroup=131072",
                    "parquet sorted, row groups 128 KiB, rows=1000, v2;"
                            + "{format: parquet, compression: zstd};"
                            + "sort,rowgroup=131072,rows=1000,writer=v2");

    public static void main(String[] args) throws Exception {
        // parquet-java logs every filter it applies at INFO: thousands of lines
        ((Logger) LoggerFactory.getLogger("org.apache.parquet")).setLevel(Level.WARN);
        int days = 30;
        int perDay = 250_000;
        int cameras = 5_000;
        Path work = null;
        boolean duckdb = true;
        long chunkBytes = -1;
        int chunkRecords = -1;
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--per-day" -> perDay = Integer.parseInt(args[++i]);
                case "--cameras" -> cameras = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--no-duckdb" -> duckdb = false;
                case "--chunk-bytes" -> chunkBytes = Long.parseLong(args[++i]);
                case "--chunk-records" -> chunkRecords = Integer.parseInt(args[++i]);
                default -> specs.add(args[i]);
            }
        }
        if (work == null) {
            work = Files.createTempDirectory("scan-cost");
        }
        BufferConfig buffer = BufferConfig.defaults(work.resolve("unused"));
        S1Days data =
                new S1Days(
                        days,
                        perDay,
                        cameras,
                        chunkBytes > 0 ? chunkBytes : buffer.chunkBytes().bytes(),
                        chunkRecords > 0 ? chunkRecords : buffer.chunkRecords());
        long expected = data.count(QUERY_VALUE);
        System.out.printf(
                "data: %d days x %,d events, %,d cameras, chunk bound %,d bytes / %,d events;"
                        + " %s = '%s' in %,d events; work %s%n%n",
                days,
                perDay,
                cameras,
                data.chunkBytes(),
                data.chunkRecords(),
                QUERY_COLUMN,
                QUERY_VALUE,
                expected,
                work);
        System.out.println(
                "| variant | objects | rows | storage bytes | vs JSON gzip | row groups kept"
                        + " | read, row-group level | JSON gzip / that | read, page level"
                        + " | JSON gzip / that | rows in pages read | DuckDB: rows / query rows"
                        + " | write s | rewrite s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        long jsonBytes = -1;
        for (String spec : specs.isEmpty() ? DEFAULT_VARIANTS : specs) {
            Variant v = Variant.parse(spec);
            Path root = work.resolve(v.name().replaceAll("[^A-Za-z0-9]+", "-"));
            long[] seconds = write(data, v, root);
            List<Path> objects = objectsInRange(root);
            // DuckDB over JSON reads everything (a minute for 30 days): once, for the reference
            // variant
            boolean check = duckdb && (v.parquet() || jsonBytes < 0);
            String checked = check ? duckDbCounts(root, v.parquet()) : "not run";
            if (!v.parquet()) {
                long bytes = 0;
                for (Path f : objects) {
                    bytes += Files.size(f);
                }
                if (jsonBytes < 0) {
                    jsonBytes = bytes;
                }
                System.out.printf(
                        "| %s | %,d | %,d | %,d | %.3f | - | %,d (all) | 1.0 | %,d (all) | 1.0 | %,d"
                                + " | %s | %.1f | - |%n",
                        v.name(),
                        objects.size(),
                        (long) days * perDay,
                        bytes,
                        bytes / (double) jsonBytes,
                        bytes,
                        bytes,
                        (long) days * perDay,
                        checked,
                        seconds[0] / 1e3);
                continue;
            }
            ParquetScan scan = new ParquetScan(QUERY_COLUMN, QUERY_VALUE);
            ParquetScan.Cost cost = ParquetScan.Cost.ZERO;
            for (Path f : objects) {
                cost = cost.plus(scan.of(f));
            }
            System.out.printf(
                    "| %s | %,d | %,d | %,d | %.3f | %d / %d | %,d | %.1f | %,d | %.1f | %,d | %s"
                            + " | %.1f | %s |%n",
                    v.name(),
                    objects.size(),
                    cost.rows(),
                    cost.fileBytes(),
                    cost.fileBytes() / (double) jsonBytes,
                    cost.rowGroupsKept(),
                    cost.rowGroups(),
                    cost.rowGroupLevelRead(),
                    jsonBytes / (double) cost.rowGroupLevelRead(),
                    cost.pageLevelRead(),
                    jsonBytes / (double) cost.pageLevelRead(),
                    cost.rowsInPages(),
                    checked,
                    seconds[0] / 1e3,
                    v.rewrite() == null ? "-" : String.format("%.1f", seconds[1] / 1e3));
            System.out.printf(
                    "|  (bytes: footers %,d, page indexes %,d) |||||||||||||%n",
                    cost.footerBytes(), cost.indexBytes());
        }
    }

    /** Writes the variant's objects under {@code root}; returns {write millis, rewrite millis}. */
    static long[] write(S1Days data, Variant v, Path root) throws Exception {
        String yaml = v.yaml().trim();
        if (!yaml.startsWith("{")) {
            throw new IllegalArgumentException(
                    "variant " + v.name() + ": YAML is a {flow mapping}");
        }
        yaml = "{root: \"" + root + "\", " + yaml.substring(1);
        Files.createDirectories(root);
        FileOutputConfig config =
                ConfigLoader.fromClasspath().load(v.name(), yaml, FileOutputConfig.class);
        Output output = config.build(new OutputContext("bench", "n1", Clock.systemUTC()));
        long start = System.nanoTime();
        try {
            output.start();
            data.forEachChunk(
                    v.sort(),
                    chunk -> {
                        WriteResult result = output.write(chunk);
                        if (result != WriteResult.DELIVERED) {
                            throw new IllegalStateException(chunk.id() + ": " + result);
                        }
                    });
        } finally {
            output.close();
        }
        long written = System.nanoTime();
        if (v.rewrite() != null) {
            PageCodecs codecs = new PageCodecs();
            for (Path f : objectsInRange(root)) {
                v.rewrite().rewrite(f, codecs);
            }
        }
        return new long[] {
            (written - start) / 1_000_000, (System.nanoTime() - written) / 1_000_000
        };
    }

    /** The objects the story's {@code dt >= '2020-08-01'} keeps, by their partition folder. */
    static List<Path> objectsInRange(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(
                            f -> {
                                Matcher m = DT.matcher(f.toString());
                                return m.find() && m.group(1).compareTo(QUERY_FROM) >= 0;
                            })
                    .sorted()
                    .toList();
        }
    }

    /** DuckDB's answer over the variant's objects: all rows / the story query's rows. */
    private static String duckDbCounts(Path root, boolean parquet) throws Exception {
        String source =
                parquet
                        ? "read_parquet('" + root + "/**/*.parquet', hive_partitioning = true)"
                        : "read_json('"
                                + root
                                + "/**/*.json.gz', format = 'newline_delimited',"
                                + " hive_partitioning = true)";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            return count(st, "SELECT count(*) FROM " + source)
                    + " / "
                    + count(
                            st,
                            "SELECT count(*) FROM "
                                    + source
                                    + " WHERE dt >= '"
                                    + QUERY_FROM
                                    + "' AND "
                                    + QUERY_COLUMN
                                    + " = '"
                                    + QUERY_VALUE
                                    + "'");
        }
    }

    private static String count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return String.format("%,d", rs.getLong(1));
        }
    }
}
