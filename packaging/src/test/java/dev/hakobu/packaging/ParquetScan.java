package dev.hakobu.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link OutputScan} for {@code format: parquet}: opens every {@code .parquet} file under a folder in DuckDB,
 * one by one, and counts the {@link LineWriter} lines they hold by {@code seq}. Each seq should be there
 * once, under the {@code dt=} of its event time ({@code time}) in {@code zone}, with its token masked.
 * A file DuckDB cannot open is listed in {@code unreadable}. Names starting with a dot (the file output's
 * temporary files, not yet renamed into place) are counted in {@code hidden}, not read.
 */
record ParquetScan(
        int files,
        int hidden,
        int distinct,
        int duplicates,
        int misplaced,
        int leakedSecrets,
        List<String> unreadable,
        List<String> anomalies) {

    /**
     * @param written the lines written (seq 0 to written - 1); {@code anomalies} lists the first runs of
     *     them seen other than once, e.g. {@code 1200-1299 x0}, as {@link SeqCounts} does
     */
    static ParquetScan of(Path dir, ZoneId zone, int written) throws IOException, SQLException {
        BitSet seen = new BitSet();
        int[] counts = new int[written];
        int distinct = 0;
        int duplicates = 0;
        int misplaced = 0;
        int leaked = 0;
        List<String> unreadable = new ArrayList<>();
        List<Path> all = list(dir);
        List<Path> files =
                all.stream().filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            for (Path f : files) {
                if (!f.getFileName().toString().endsWith(".parquet")) {
                    unreadable.add(f + ": not a .parquet name");
                    continue;
                }
                String dt = f.getParent().getFileName().toString();
                try (ResultSet rs =
                        st.executeQuery(
                                "SELECT seq, epoch_ms(time), parameter LIKE '%"
                                        + LineWriter.SECRET
                                        + "%' FROM read_parquet('"
                                        + f
                                        + "', hive_partitioning = false)")) {
                    while (rs.next()) {
                        int seq = rs.getInt(1);
                        if (seq >= 0 && seq < written) {
                            counts[seq]++;
                        }
                        if (seen.get(seq)) {
                            duplicates++;
                        } else {
                            seen.set(seq);
                            distinct++;
                        }
                        String date =
                                Instant.ofEpochMilli(rs.getLong(2))
                                        .atZone(zone)
                                        .toLocalDate()
                                        .toString();
                        if (!dt.equals("dt=" + date)) {
                            misplaced++;
                        }
                        if (rs.getBoolean(3)) {
                            leaked++;
                        }
                    }
                } catch (SQLException e) {
                    unreadable.add(f + ": " + e.getMessage());
                }
            }
        }
        return new ParquetScan(
                files.size(),
                all.size() - files.size(),
                distinct,
                duplicates,
                misplaced,
                leaked,
                unreadable,
                runs(counts, 10));
    }

    private static List<String> runs(int[] counts, int limit) {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < counts.length && runs.size() < limit; ) {
            int j = i;
            while (j < counts.length && counts[j] == counts[i]) {
                j++;
            }
            if (counts[i] != 1) {
                runs.add(i + "-" + (j - 1) + " x" + counts[i]);
            }
            i = j;
        }
        return runs;
    }

    /** Every regular file; a temporary file renamed away during the walk makes us walk again. */
    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(Files::isRegularFile).sorted().toList();
            } catch (UncheckedIOException e) {
                if (attempt == 10) {
                    throw e.getCause();
                }
            }
        }
    }
}
