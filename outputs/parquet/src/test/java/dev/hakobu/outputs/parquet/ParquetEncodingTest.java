package dev.hakobu.outputs.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.encoding.RecordEncodings;
import dev.hakobu.encoding.RecordWriter;
import dev.hakobu.encoding.TagField;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoding on its own: registration, the tag column, codecs, records that are not maps, abandon. */
class ParquetEncodingTest {
    private static final long T0 = 1_597_371_753_000_000_000L; // 2020-08-14T02:22:33Z

    @TempDir Path dir;

    private static final EventTimeField TIME =
            new EventTimeField("time", EventTimeFormat.ISO8601, ZoneOffset.UTC, false);

    private Path write(EncodingContext context, List<byte[]> records) throws Exception {
        Path file = dir.resolve("o" + System.nanoTime() + ".parquet");
        try (OutputStream out = Files.newOutputStream(file);
                RecordWriter writer = new ParquetEncoding().open(out, context)) {
            long t = T0;
            for (byte[] record : records) {
                assertThat(writer.write(t, record, 0, record.length)).isEqualTo(record.length);
                t += 1_000_000_000L;
            }
        }
        return file;
    }

    private static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            record.put((String) keyValues[i], keyValues[i + 1]);
        }
        return record;
    }

    @Test
    void isFoundByItsFormatNameAndCompressesItself() {
        assertThat(RecordEncodings.names()).contains("parquet");
        assertThat(RecordEncodings.find("parquet")).isInstanceOf(ParquetEncoding.class);
        assertThat(RecordEncodings.find("parquet").extension()).isEqualTo(".parquet");
        assertThat(RecordEncodings.find("parquet").compressesItself()).isTrue();
    }

    @Test
    void theTagIsAColumnThatReplacesTheRecordsOwnFieldOfThatName() throws Exception {
        Path file =
                write(
                        new EncodingContext(
                                Optional.of(TIME),
                                "zstd",
                                0,
                                Optional.of(new TagField("tag", "app.api"))),
                        List.of(
                                S1Records.pack(record("tag", "mine", "n", 1)),
                                S1Records.pack(record("n", 2))));

        assertThat(query("SELECT concat_ws('|', time, tag, n) FROM " + read(file) + " ORDER BY n"))
                .containsExactly(
                        "2020-08-14 02:22:33+00|app.api|1", "2020-08-14 02:22:34+00|app.api|2");
    }

    @Test
    void theOutputsCompressionPicksTheCodecInsideTheFile() throws Exception {
        List<byte[]> records = List.of(S1Records.pack(record("n", 1)));
        Path none = write(new EncodingContext(Optional.empty(), "none", 0), records);
        Path gzip = write(new EncodingContext(Optional.empty(), "gzip", 0), records);
        Path zstd = write(new EncodingContext(Optional.empty(), "zstd", 19), records);

        assertThat(query("SELECT DISTINCT compression FROM parquet_metadata('" + none + "')"))
                .containsExactly("UNCOMPRESSED");
        assertThat(query("SELECT DISTINCT compression FROM parquet_metadata('" + gzip + "')"))
                .containsExactly("GZIP");
        assertThat(query("SELECT DISTINCT compression FROM parquet_metadata('" + zstd + "')"))
                .containsExactly("ZSTD");
        assertThat(query("SELECT n FROM " + read(gzip))).containsExactly("1");
    }

    @Test
    void aRecordThatIsNotAMapIsKeptAsJsonInTheRecordColumn() throws Exception {
        Path file =
                write(
                        new EncodingContext(Optional.empty(), "zstd", 0),
                        List.of(S1Records.pack(record("n", 1)), packList(List.of("a", 2))));

        assertThat(query("SELECT concat_ws('|', n, record) FROM " + read(file)))
                .containsExactly("1", "[\"a\",2]");
    }

    @Test
    void anAbandonedWriterWritesNothingAndClosesTheStream() throws Exception {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        closed[0] = true;
                    }
                };
        RecordWriter writer = new ParquetEncoding().open(bytes, EncodingContext.plain());
        byte[] record = S1Records.pack(record("n", 1));
        writer.write(T0, record, 0, record.length);

        writer.abandon();

        assertThat(bytes.size()).isZero();
        assertThat(closed[0]).isTrue();
    }

    private static byte[] packList(List<Object> list) throws Exception {
        try (var p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2).packString((String) list.get(0)).packInt((Integer) list.get(1));
            return p.toByteArray();
        }
    }

    private static String read(Path file) {
        return "read_parquet('" + file + "', hive_partitioning = false)";
    }

    private static List<String> query(String sql) throws Exception {
        return ParquetObjects.query(sql);
    }
}
