package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ParquetScan} counts, on Parquet files DuckDB writes: the crash tests' verdict rests on it. */
class ParquetScanTest {
    @TempDir Path dir;

    @Test
    void countsDuplicatesLostMisplacedLeakedUnreadableAndHiddenFiles() throws Exception {
        Path day = Files.createDirectories(dir.resolve("app.api/dt=2020-08-14"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            // seq 0-2 in a; seq 2 again and seq 4 (its time is the 15th in Tokyo) in b
            write(
                    st,
                    day.resolve("a.parquet"),
                    row(0, "03:00:00", "***"),
                    row(1, "03:00:01", "***"),
                    row(2, "03:00:02", "tok-2"));
            write(
                    st,
                    day.resolve("b.parquet"),
                    row(2, "03:00:02", "***"),
                    row(4, "15:00:00", "***"));
            write(st, day.resolve(".c.parquet.tmp"), row(3, "03:00:03", "***"));
        }
        byte[] whole = Files.readAllBytes(day.resolve("a.parquet"));
        Files.write(day.resolve("torn.parquet"), Arrays.copyOf(whole, whole.length / 2));

        ParquetScan scan = ParquetScan.of(dir, ZoneId.of("Asia/Tokyo"), 5);

        assertThat(scan.files()).isEqualTo(3);
        assertThat(scan.hidden()).isEqualTo(1);
        assertThat(scan.distinct()).isEqualTo(4);
        assertThat(scan.duplicates()).isEqualTo(1);
        assertThat(scan.misplaced()).isEqualTo(1);
        assertThat(scan.leakedSecrets()).isEqualTo(1);
        assertThat(scan.unreadable())
                .singleElement()
                .asString()
                .startsWith(day.resolve("torn.parquet").toString());
        assertThat(scan.anomalies()).containsExactly("2-2 x2", "3-3 x0");
    }

    private static String row(int seq, String utcTime, String token) {
        return "SELECT %d::BIGINT AS seq, TIMESTAMPTZ '2020-08-14 %s+00' AS time,"
                        .formatted(seq, utcTime)
                + " 'name=cam0&token="
                + token
                + "' AS parameter";
    }

    private static void write(Statement st, Path file, String... rows) throws Exception {
        st.execute(
                "COPY ("
                        + String.join(" UNION ALL ", List.of(rows))
                        + ") TO '"
                        + file
                        + "' (FORMAT parquet)");
    }
}
