package dev.hakobu.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCheckTest {
    @TempDir Path dir;

    /** What an aggregator writes for stamped lines: JSON records, LTSV stamps as strings, no spaces. */
    private static final String STORED =
            """
            {"ts_us":1000000,"sid":0,"seq":0,"camera_id":"camera1"}
            {"ts_us":"1500000","sid":"1","seq":"0","size":-1}
            {"ts_us":1000000,"sid":0,"seq":0,"camera_id":"camera1"}
            {"message":"a line without stamps"}
            """;

    @Test
    void countsEachStampedLineOnceAndTakesItsLatencyFromTheObjectsModificationTime()
            throws Exception {
        Path object =
                Files.createDirectories(dir.resolve("app.api/dt=2020-08-14"))
                        .resolve("agg-0-abc.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(object))) {
            out.write(STORED.getBytes(StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(object, FileTime.from(Instant.ofEpochSecond(3)));
        Files.writeString(
                object.resolveSibling(".agg-0-tmp.json.gz"),
                "a file still being written is not read");

        OutputCheck check = new OutputCheck(2, 2, 1_200_000);
        OutputCheck.Counts counts = check.scan(dir);

        assertThat(counts.objects()).isEqualTo(1);
        assertThat(counts.distinct()).isEqualTo(2);
        assertThat(counts.lost()).as("seq 1 of both streams never came").isEqualTo(2);
        assertThat(counts.duplicated()).isEqualTo(1);
        assertThat(counts.foreign()).isEqualTo(1);
        assertThat(check.sortedLatencies()).containsExactly(1_500_000, 2_000_000, 2_000_000);
        assertThat(check.sortedSteadyLatencies())
                .as("only the line written after the warm-up")
                .containsExactly(1_500_000);
    }

    @Test
    void stampedLinesCarryTheirStampsInBothFormats() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StampedLines lines = new StampedLines();
        lines.append(out, false, 4, 17, 123_456);
        lines.append(out, true, 5, 18, 123_457);
        String[] written = out.toString(StandardCharsets.UTF_8).split("\n");

        assertThat(written[0])
                .startsWith("{\"ts_us\": 123456, \"sid\": 4, \"seq\": 17, \"timestamp\": ")
                .endsWith("}");
        assertThat(written[1])
                .startsWith("ts_us:123457\tsid:5\tseq:18\ttime:")
                .contains("\treqtime:");
    }

    @Test
    void percentilesAreTheNearestRankOfTheSortedLatencies() {
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = (i + 1) * 1000L;
        }
        ClusterResult.Latency l = ClusterResult.Latency.of(micros);

        assertThat(l.p50()).isEqualTo(50.0);
        assertThat(l.p90()).isEqualTo(90.0);
        assertThat(l.p99()).isEqualTo(99.0);
        assertThat(l.max()).isEqualTo(100.0);
    }
}
