package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.outputs.s3.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * SIGKILL the aggregator while it writes {@code format: parquet}, restart it, let it drain, and count every
 * line. A Parquet object is written whole at its end (the encoding holds the rows until close), so a kill
 * mid-write leaves a temporary file (file output) or an upload never completed (S3); neither may show under
 * a published name, and the chunk, still in the buffer, is written again under the same name. Every
 * published object must open in DuckDB and every line be there once.
 */
class ParquetCrashIT {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String BUCKET = "hakobu-parquet";
    private static final String KEY = "crash/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}";
    private static final String KEY_PATTERN =
            "crash/app\\.api/dt=\\d{4}-\\d{2}-\\d{2}/it-node-[^/]+\\.parquet";
    private static final int BATCH = 1_500;
    private static final int KILLS = 8;

    /**
     * Chunks of up to 200,000 lines (about 50 bytes a row in uncompressed Parquet), closed 3 s after their
     * first line: a round of 150,000 lines written at once is one object of over 5 MiB.
     */
    private static final String BIG_CHUNKS =
            """
            buffer: {max_age: 3s, late_wait: 500ms, chunk_records: 200000, chunk_bytes: 64MiB, dir: "%s"}
            delivery: {retry_initial: 100ms, retry_max: 1s, drain_timeout: 2s}
            """;

    /** Chunks of at most 2,000 lines, closed within 400 ms: many Parquet objects, quick retries. */
    private static final String SMALL_CHUNKS =
            """
            buffer: {max_age: 300ms, late_wait: 100ms, chunk_records: 2000, dir: "%s"}
            delivery: {retry_initial: 100ms, retry_max: 1s, drain_timeout: 2s}
            """;

    @TempDir Path work;

    /**
     * Many small chunks (2,000 lines) to the file output and to S3, both Parquet zstd; eight kills at seeded
     * moments, every other one the moment a Parquet temporary file is open in the file output. Scaled with
     * {@code -Dhakobu.parquet.crash.lines} (default 150,000). The objects here are far below the multipart
     * threshold (single PUTs, none left incomplete); the next test kills mid multipart upload.
     */
    @Test
    void killingTheAggregatorWhileItWritesParquetLosesAndDuplicatesNothing() throws Exception {
        int batches = Integer.getInteger("hakobu.parquet.crash.lines", 150_000) / BATCH;
        int lines = batches * BATCH;
        SplittableRandom random = new SplittableRandom(20261206);
        TreeSet<Integer> kills = new TreeSet<>();
        while (kills.size() < KILLS) {
            kills.add(random.nextInt(5, batches - 5));
        }
        Path downloaded = work.resolve("downloaded");
        try (S3ProxyServer s3 = new S3ProxyServer(work.resolve("s3")).start()) {
            s3.createBucket(BUCKET);
            try (Roles roles =
                            new Roles(
                                    work,
                                    fileOutput(work.resolve("out")),
                                    work.resolve("aggregator-buffer"),
                                    SMALL_CHUNKS);
                    LineWriter writer =
                            new LineWriter(
                                    roles.logs.resolve("api.log"),
                                    OffsetDateTime.parse("2020-08-14T23:58:00+09:00"))) {
                roles.addOutput("s3", s3Output(s3, "zstd", ""));
                roles.startAggregator();
                roles.startAgent();
                int midWrite = 0;
                for (int b = 0; b < batches; b++) {
                    writer.write(BATCH);
                    Thread.sleep(random.nextInt(10, 40)); // pacing of the writer
                    if (kills.contains(b)) {
                        awaitBufferedChunk(roles, "local");
                        if (kills.headSet(b).size() % 2 == 0) {
                            midWrite += awaitTemporaryFile(roles.out) ? 1 : 0;
                        } else {
                            Thread.sleep(random.nextInt(0, 150)); // a random moment
                        }
                        roles.killAggregator();
                        roles.startAggregator();
                    }
                }
                awaitDrained(roles, s3, downloaded, lines, true, "local", "s3");
                S3Download.download(s3, BUCKET, "crash/", downloaded);
                ParquetScan file = ParquetScan.of(roles.out, TOKYO, lines);
                ParquetScan objects = ParquetScan.of(downloaded, TOKYO, lines);
                List<String> keys = S3Download.keys(s3, BUCKET, "");
                List<String> incomplete = S3Download.incompleteUploads(s3, BUCKET);
                FaultReport.print(
                        "aggregator-killed-8x-parquet-file",
                        lines,
                        file.distinct(),
                        file.duplicates(),
                        "mid_write_kills=" + midWrite + " files=" + file.files());
                FaultReport.print(
                        "aggregator-killed-8x-parquet-s3",
                        lines,
                        objects.distinct(),
                        objects.duplicates(),
                        "objects=" + objects.files() + " incomplete_uploads=" + incomplete.size());

                assertWhole(file, lines, "file output; " + roles.logsTail());
                assertWhole(objects, lines, "S3 output; " + roles.logsTail());
                assertThat(file.hidden()).as("temporary files left in the file output").isZero();
                assertThat(keys)
                        .as("every key a published object")
                        .allMatch(k -> k.matches(KEY_PATTERN));
                assertThat(incomplete).as("multipart uploads left incomplete").isEmpty();
                assertThat(midWrite)
                        .as("kills while a Parquet temporary file was open")
                        .isPositive();
            }
        }
    }

    /**
     * Parquet objects of several MiB sent as multipart uploads (threshold and parts 5 MiB, uncompressed);
     * each of two kills lands the moment S3 lists an upload in progress and the aggregator has recorded it
     * in its state directory ({@code uploads/}), so the object was never completed (an upload that S3 no
     * longer lists right after the kill finished first and is not counted as cut). Afterwards every line is
     * there once, each key is a published object that opens, and no upload is left incomplete: the
     * restarted aggregator aborted the ones the kills cut off, at its first write, and dropped their
     * records. (A kill between CreateMultipartUpload's answer and the record's fsync is the window only a
     * bucket lifecycle rule covers; the kills here wait for the record.)
     */
    @Test
    void killingTheAggregatorMidMultipartUploadLeavesNoPartialObject() throws Exception {
        int lines = 450_000;
        Path downloaded = work.resolve("downloaded");
        try (S3ProxyServer s3 = new S3ProxyServer(work.resolve("s3")).start();
                S3Client client = s3.client()) {
            s3.createBucket(BUCKET);
            String output = s3Output(s3, "none", ", multipart_threshold: 5MiB, part_size: 5MiB");
            try (Roles roles =
                            new Roles(work, output, work.resolve("aggregator-buffer"), BIG_CHUNKS);
                    LineWriter writer =
                            new LineWriter(
                                    roles.logs.resolve("api.log"),
                                    OffsetDateTime.parse("2020-08-14T12:00:00+09:00"))) {
                roles.startAggregator();
                roles.startAgent();
                Path records = work.resolve("aggregator-state/outputs/local/uploads");
                Set<String> seen = new TreeSet<>();
                Map<String, String> cut = new TreeMap<>(); // upload id -> key
                for (int round = 0; round < 3; round++) {
                    writer.write(lines / 3);
                    if (round < 2) {
                        MultipartUpload upload = awaitUploadInProgress(client, seen);
                        if (upload != null) {
                            awaitRecord(records, upload.uploadId());
                        }
                        roles.killAggregator();
                        if (upload != null) {
                            seen.add(upload.uploadId());
                            if (incompleteIds(client).contains(upload.uploadId())) {
                                // not completed in the moment before the kill
                                cut.put(upload.uploadId(), upload.key());
                            }
                        }
                        roles.startAggregator();
                    }
                }
                awaitDrained(roles, s3, downloaded, lines, false, "local");
                S3Download.download(s3, BUCKET, "crash/", downloaded);
                ParquetScan objects = ParquetScan.of(downloaded, TOKYO, lines);
                List<String> keys = S3Download.keys(s3, BUCKET, "");
                List<MultipartUpload> incomplete =
                        client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads();
                FaultReport.print(
                        "aggregator-killed-2x-mid-multipart-parquet-s3",
                        lines,
                        objects.distinct(),
                        objects.duplicates(),
                        "objects="
                                + objects.files()
                                + " cut_uploads="
                                + cut.size()
                                + " incomplete_uploads="
                                + incomplete.size()
                                + " largest_object_bytes="
                                + largest(downloaded));

                assertWhole(objects, lines, "S3 output; " + roles.logsTail());
                assertThat(keys)
                        .as("every key a published object")
                        .allMatch(k -> k.matches(KEY_PATTERN));
                assertThat(cut).as("kills that cut an upload off (of 2)").isNotEmpty();
                assertThat(incomplete)
                        .as("incomplete uploads after the drain (the kills cut off %s)", cut)
                        .isEmpty();
                assertThat(cut.values())
                        .as("each cut-off upload's object was written whole after the restart")
                        .allMatch(keys::contains);
                assertThat(uploadRecords(records))
                        .as("upload records left in the aggregator's state directory")
                        .isEmpty();
            }
        }
    }

    private static List<String> incompleteIds(S3Client client) {
        return client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                .map(MultipartUpload::uploadId)
                .toList();
    }

    private static long largest(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .max()
                    .orElse(0);
        }
    }

    /**
     * Polls S3 (up to 60 s) for a multipart upload in progress whose id is not in {@code known}; it, or
     * null.
     */
    private static MultipartUpload awaitUploadInProgress(S3Client client, Set<String> known)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (MultipartUpload upload :
                    client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()) {
                if (!known.contains(upload.uploadId())) {
                    return upload;
                }
            }
            Thread.sleep(5);
        }
        return null;
    }

    /**
     * Polls (up to 5 s) until the aggregator has recorded the upload in its state directory, so a kill
     * now cuts off an upload it will abort after the restart.
     */
    private static void awaitRecord(Path records, String uploadId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (Path record : uploadRecords(records)) {
                try {
                    if (Files.readAllLines(record).contains("upload_id=" + uploadId)) {
                        return;
                    }
                } catch (NoSuchFileException e) {
                    // completed or aborted meanwhile
                }
            }
            Thread.sleep(2);
        }
    }

    private static List<Path> uploadRecords(Path records) throws IOException {
        if (!Files.isDirectory(records)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(records)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".upload")).toList();
        }
    }

    private static void assertWhole(ParquetScan scan, int lines, String what) {
        assertThat(scan.unreadable()).as("objects DuckDB cannot open; " + what).isEmpty();
        assertThat(scan.anomalies()).as("seq runs not seen once; " + what).isEmpty();
        assertThat(scan.duplicates()).as("duplicated lines; " + what).isZero();
        assertThat(scan.distinct())
                .as("distinct lines (lost = written - this); " + what)
                .isEqualTo(lines);
        assertThat(scan.misplaced()).as("lines in the wrong dt=; " + what).isZero();
        assertThat(scan.leakedSecrets()).as("lines with an unmasked token; " + what).isZero();
    }

    /** Kill only once the (restarted) aggregator is taking data again: a chunk file is in its buffer. */
    private static void awaitBufferedChunk(Roles roles, String output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (BufferFiles.waiting(roles.buffer.resolve(output)).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Waits (up to 5 s) until the file output has a temporary file open: a Parquet object being written. */
    private static boolean awaitTemporaryFile(Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.walk(out)) {
                    if (s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet.tmp"))) {
                        return true;
                    }
                } catch (UncheckedIOException e) {
                    return true; // the temporary file was renamed during the walk
                }
            }
            Thread.sleep(2);
        }
        return false;
    }

    /**
     * Polls until the buffers are empty and both outputs hold every line (S3 read through a download)
     * or three minutes pass.
     */
    private static void awaitDrained(
            Roles roles,
            S3ProxyServer s3,
            Path downloaded,
            int lines,
            boolean fileOutput,
            String... outputs)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            List<String> waiting = new ArrayList<>();
            for (String output : outputs) {
                waiting.addAll(
                        BufferFiles.waiting(roles.buffer.resolve(output)).stream()
                                .map(Path::toString)
                                .toList());
            }
            if (!waiting.isEmpty()) {
                continue;
            }
            S3Download.download(s3, BUCKET, "crash/", downloaded);
            if ((!fileOutput || ParquetScan.of(roles.out, TOKYO, lines).distinct() >= lines)
                    && ParquetScan.of(downloaded, TOKYO, lines).distinct() >= lines) {
                return;
            }
        }
    }

    private static String fileOutput(Path out) {
        return "{type: file, root: \"%s\", format: parquet, compression: zstd, time_zone: Asia/Tokyo}"
                .formatted(out);
    }

    /** @param extra more entries of the flow mapping, each starting with ", " */
    private static String s3Output(S3ProxyServer s3, String compression, String extra) {
        return ("{type: s3, bucket: %s, endpoint: \"%s\", path_style: true, format: parquet,"
                        + " compression: %s, time_zone: Asia/Tokyo, key: \"%s\","
                        + " credentials: {access_key_id: %s, secret_access_key: %s}%s}")
                .formatted(
                        BUCKET,
                        s3.endpoint(),
                        compression,
                        KEY,
                        S3ProxyServer.IDENTITY,
                        S3ProxyServer.CREDENTIAL,
                        extra);
    }
}
