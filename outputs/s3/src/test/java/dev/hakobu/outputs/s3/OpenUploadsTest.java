package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.testing.TestChunks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Multipart uploads a crash cut off are aborted by the next instance on the same state directory, against
 * a real S3 server (S3Proxy) on 127.0.0.1.
 */
class OpenUploadsTest {
    private static final String BUCKET = "hakobu-uploads";
    private static final int PART = 5 << 20;
    private static final String LINE =
            "{\"seq\":0,\"t\":\"2020-08-14T10:00:00+09:00\",\"time\":\"2020-08-14T10:00:00+09:00\"}\n";

    @TempDir static Path dir;
    @TempDir Path state;

    static S3ProxyServer s3proxy;
    static S3Client client;

    @BeforeAll
    static void startS3() throws Exception {
        s3proxy = new S3ProxyServer(dir).start();
        s3proxy.createBucket(BUCKET);
        client = s3proxy.client();
    }

    @AfterAll
    static void stopS3() throws Exception {
        client.close();
        s3proxy.close();
    }

    private static S3OutputConfig config(String prefix) {
        return S3OutputTest.config(
                s3proxy,
                BUCKET,
                prefix + "/${chunk_id}",
                "json",
                Compression.NONE,
                S3ProxyServer.CREDENTIAL);
    }

    private Output output(String prefix, Clock clock) {
        return config(prefix)
                .build(new OutputContext("s3", "n1", clock, state.resolve("dead"), state));
    }

    /**
     * What a kill -9 mid upload leaves: a stream of an earlier instance on the same state directory that
     * created its upload, sent a part, and was never closed.
     */
    private S3ObjectStream cutOff(String key, Clock clock) throws IOException {
        S3OutputConfig config = config("unused");
        S3ObjectStream stream =
                new S3ObjectStream(
                        S3Clients.build(config),
                        new S3Requests(config, "application/json"),
                        new OpenUploads(state.resolve("uploads"), BUCKET, "s3", clock),
                        key,
                        PART,
                        PART);
        byte[] bytes = new byte[PART + 1];
        Arrays.fill(bytes, (byte) 'x');
        stream.write(bytes, 0, bytes.length);
        return stream;
    }

    private static List<String> incomplete(String prefix) {
        return client.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads().stream()
                .map(MultipartUpload::key)
                .toList();
    }

    private List<Path> records() throws IOException {
        Path uploads = state.resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(uploads)) {
            return s.toList();
        }
    }

    private static String object(String key) {
        return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    @Test
    void anUploadAKillCutOffIsAbortedAtTheNextInstancesFirstWriteAndItsObjectWrittenWhole()
            throws Exception {
        cutOff("t1/c1.json", Clock.systemUTC());
        assertThat(incomplete("t1/")).containsExactly("t1/c1.json");
        assertThat(records()).hasSize(1);
        assertThat(UploadRecord.read(records().get(0)).key()).isEqualTo("t1/c1.json");

        Output restarted = output("t1", Clock.systemUTC());
        restarted.start();
        assertThat(incomplete("t1/")).as("start() asks S3 nothing").hasSize(1);
        WriteResult r =
                restarted.write(TestChunks.at("c1", "app.api", "2020-08-14T10:00:00+09:00"));
        restarted.close();

        assertThat(r).isEqualTo(WriteResult.DELIVERED);
        assertThat(incomplete("t1/")).isEmpty();
        assertThat(records()).isEmpty();
        assertThat(object("t1/c1.json")).isEqualTo(LINE);
    }

    @Test
    void aRecordWhoseUploadIsGoneIsDroppedWithoutErrorAndACompletedObjectStays() throws Exception {
        OpenUploads earlier =
                new OpenUploads(state.resolve("uploads"), BUCKET, "s3", Clock.systemUTC());
        String aborted = client.createMultipartUpload(b -> b.bucket(BUCKET).key("t2/a")).uploadId();
        earlier.opened("t2/a", aborted);
        client.abortMultipartUpload(b -> b.bucket(BUCKET).key("t2/a").uploadId(aborted));
        String completed =
                client.createMultipartUpload(b -> b.bucket(BUCKET).key("t2/b")).uploadId();
        earlier.opened("t2/b", completed);
        String etag =
                client.uploadPart(
                                b -> b.bucket(BUCKET).key("t2/b").uploadId(completed).partNumber(1),
                                RequestBody.fromString("kept"))
                        .eTag();
        client.completeMultipartUpload(
                b ->
                        b.bucket(BUCKET)
                                .key("t2/b")
                                .uploadId(completed)
                                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
        earlier.opened("t2/c", "no-such-upload");
        assertThat(records()).hasSize(3);

        Output restarted = output("t2", Clock.systemUTC());
        WriteResult r =
                restarted.write(TestChunks.at("c2", "app.api", "2020-08-14T10:00:00+09:00"));
        restarted.close();

        assertThat(r).isEqualTo(WriteResult.DELIVERED);
        assertThat(records()).isEmpty();
        assertThat(incomplete("t2/")).isEmpty();
        assertThat(object("t2/b")).isEqualTo("kept");
        assertThat(object("t2/c2.json")).isEqualTo(LINE);
    }

    @Test
    void anUploadThisInstanceIsWritingIsNeverAborted() throws Exception {
        S3OutputConfig config = config("t3");
        OpenUploads uploads =
                new OpenUploads(state.resolve("uploads"), BUCKET, "s3", Clock.systemUTC());
        try (S3Client s3 = S3Clients.build(config)) {
            S3ObjectStream own =
                    new S3ObjectStream(
                            s3,
                            new S3Requests(config, "application/json"),
                            uploads,
                            "t3/own",
                            PART,
                            PART);
            own.write(new byte[PART + 1]);
            assertThat(records()).hasSize(1);

            uploads.abortLeftovers(s3);

            assertThat(incomplete("t3/")).containsExactly("t3/own");
            assertThat(records()).hasSize(1);
            own.close();
        }
        assertThat(incomplete("t3/")).isEmpty();
        assertThat(records()).isEmpty();
        assertThat(client.headObject(b -> b.bucket(BUCKET).key("t3/own")).contentLength())
                .isEqualTo(PART + 1);
    }

    @Test
    void whileS3RefusesTheRecordIsKeptAndTheAbortTriedAgainAtAWriteAMinuteLater() throws Exception {
        S3OutputTest.HandClock clock = new S3OutputTest.HandClock();
        cutOff("t4/c4.json", clock);
        Output restarted = output("t4", clock);
        s3proxy.stop();
        try {
            assertThat(restarted.write(TestChunks.at("c4", "app.api", "2020-08-14T10:00:00+09:00")))
                    .isInstanceOf(WriteResult.Retry.class);
        } finally {
            s3proxy.start();
        }
        assertThat(records()).hasSize(1);

        clock.now = clock.now.plusSeconds(59);
        assertThat(restarted.write(TestChunks.at("c5", "app.api", "2020-08-14T10:00:00+09:00")))
                .isEqualTo(WriteResult.DELIVERED);
        assertThat(incomplete("t4/")).as("not tried again within the minute").hasSize(1);
        assertThat(records()).hasSize(1);

        clock.now = clock.now.plusSeconds(1);
        assertThat(restarted.write(TestChunks.at("c4", "app.api", "2020-08-14T10:00:00+09:00")))
                .isEqualTo(WriteResult.DELIVERED);
        restarted.close();
        assertThat(incomplete("t4/")).isEmpty();
        assertThat(records()).isEmpty();
        assertThat(object("t4/c4.json")).isEqualTo(LINE);
    }
}
