package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.DataSize;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.aws.AwsCredentialsConfig;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.testing.TestChunks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 output against a real S3 server (S3Proxy, SigV4 on) on 127.0.0.1. */
class S3OutputTest {
    private static final String BUCKET = "hakobu-logs";

    @TempDir static Path dir;

    static S3ProxyServer s3proxy;

    @BeforeAll
    static void startS3() throws Exception {
        s3proxy = new S3ProxyServer(dir).start();
        s3proxy.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3proxy.close();
    }

    static S3OutputConfig config(String key, Compression compression, String secret) {
        return config(s3proxy, BUCKET, key, compression, secret);
    }

    static S3OutputConfig config(
            S3ProxyServer server,
            String bucket,
            String key,
            Compression compression,
            String secret) {
        return config(server, bucket, key, "json", compression, secret);
    }

    static S3OutputConfig config(
            S3ProxyServer server,
            String bucket,
            String key,
            String format,
            Compression compression,
            String secret) {
        return new S3OutputConfig(
                bucket,
                key,
                "us-east-1",
                Optional.of(server.endpoint()),
                true,
                Optional.of(
                        new AwsCredentialsConfig(
                                Optional.of(S3ProxyServer.IDENTITY),
                                Optional.of(secret),
                                Optional.empty(),
                                "hakobu",
                                Optional.empty())),
                format,
                compression,
                0,
                ZoneId.of("Asia/Tokyo"),
                EventTimeConfig.defaults(),
                S3OutputConfig.ServerSideEncryption.NONE,
                Optional.empty(),
                Optional.empty(),
                Map.of("source", "hakobu"),
                DataSize.ofBytes(16L << 20),
                DataSize.ofBytes(8L << 20),
                Optional.empty());
    }

    static Output output(String key, Compression compression) {
        return config(key, compression, S3ProxyServer.CREDENTIAL)
                .build(new OutputContext("s3", "n1", Clock.systemUTC()));
    }

    static Chunk chunk(String id, String... isoTimes) {
        return TestChunks.at(id, "app.api", isoTimes);
    }

    private static List<String> keys(String prefix) {
        try (S3Client s3 = s3proxy.client()) {
            return s3
                    .listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .sorted()
                    .toList();
        }
    }

    private static String gunzip(String key) throws IOException {
        try (S3Client s3 = s3proxy.client();
                InputStream in =
                        new GZIPInputStream(s3.getObject(r -> r.bucket(BUCKET).key(key)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aChunkAcrossMidnightBecomesOneObjectPerEventDatePartition() throws Exception {
        WriteResult r =
                output("t1/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}", Compression.GZIP)
                        .write(
                                chunk(
                                        "c1",
                                        "2020-08-14T23:59:59+09:00",
                                        "2020-08-15T00:00:00+09:00"));

        assertThat(r).isEqualTo(WriteResult.DELIVERED);
        assertThat(keys("t1/"))
                .containsExactly(
                        "t1/app.api/dt=2020-08-14/n1-c1.json.gz",
                        "t1/app.api/dt=2020-08-15/n1-c1.json.gz");
        assertThat(gunzip("t1/app.api/dt=2020-08-15/n1-c1.json.gz"))
                .isEqualTo(
                        "{\"seq\":1,\"t\":\"2020-08-15T00:00:00+09:00\",\"time\":\"2020-08-15T00:00:00+09:00\"}\n");
        assertThat(s3proxy.bucketDir(BUCKET).resolve("t1/app.api/dt=2020-08-14/n1-c1.json.gz"))
                .isRegularFile();
    }

    @Test
    void aFormatThatCompressesItselfIsStoredAsItWritesItWithoutTheOutputsCodecOrItsExtension()
            throws Exception {
        Output out =
                config(
                                s3proxy,
                                BUCKET,
                                "t9/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                                "counted",
                                Compression.ZSTD,
                                S3ProxyServer.CREDENTIAL)
                        .build(new OutputContext("s3", "n1", Clock.systemUTC()));

        assertThat(out.write(chunk("c9", "2020-08-14T10:00:00+09:00", "2020-08-14T10:00:01+09:00")))
                .isEqualTo(WriteResult.DELIVERED);

        assertThat(keys("t9/")).containsExactly("t9/app.api/dt=2020-08-14/n1-c9.counted");
        try (S3Client s3 = s3proxy.client()) {
            var object =
                    s3.getObjectAsBytes(
                            r -> r.bucket(BUCKET).key("t9/app.api/dt=2020-08-14/n1-c9.counted"));
            assertThat(object.asUtf8String()).isEqualTo("2 records, zstd\n");
            assertThat(object.response().contentType()).isEqualTo("application/vnd.hakobu.counted");
        }
    }

    @Test
    void eachRecordStoresItsEventTimeWithNanosecondsInTheOutputsZone() throws Exception {
        Output out = output("t7/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}", Compression.GZIP);
        assertThat(out.write(chunk("c7", "2020-08-14T15:00:00.123456789Z")))
                .isEqualTo(WriteResult.DELIVERED);
        assertThat(gunzip("t7/app.api/dt=2020-08-15/n1-c7.json.gz"))
                .isEqualTo(
                        "{\"seq\":0,\"t\":\"2020-08-14T15:00:00.123456789Z\",\"time\":\"2020-08-15T00:00:00.123456789+09:00\"}\n");
    }

    @Test
    void writingTheSameChunkAgainOverwritesTheSameObjectInsteadOfAddingOne() throws Exception {
        Output out = output("t2/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}", Compression.ZSTD);
        Chunk c = chunk("c2", "2020-08-14T10:00:00+09:00", "2020-08-14T10:00:01+09:00");
        assertThat(out.write(c)).isEqualTo(WriteResult.DELIVERED);
        assertThat(out.write(c)).isEqualTo(WriteResult.DELIVERED);
        assertThat(keys("t2/")).containsExactly("t2/app.api/dt=2020-08-14/n1-c2.json.zst");
    }

    @Test
    void aWrongSecretIsRefusedAndLeftForRetry() throws Exception {
        Output out =
                config("t3/${chunk_id}", Compression.GZIP, "wrong-secret")
                        .build(new OutputContext("s3", "n1", Clock.systemUTC()));
        WriteResult r = out.write(chunk("c3", "2020-08-14T10:00:00Z"));
        assertThat(r)
                .isInstanceOfSatisfying(
                        WriteResult.Retry.class,
                        retry -> assertThat(retry.reason()).contains("403"));
        assertThat(keys("t3/")).isEmpty();
    }

    @Test
    void aLargeObjectGoesAsAMultipartUploadAssembledIntoOneObject() throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        EntryWriter entries = new EntryWriter(60 << 20);
        int lines = 0;
        long written = 0;
        while (written < 50L << 20) {
            StringBuilder text = new StringBuilder(4096);
            while (text.length() < 4000) {
                text.append(Long.toHexString(random.nextLong()));
            }
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            p.packMapHeader(2)
                    .packString("seq")
                    .packInt(lines++)
                    .packString("noise")
                    .packString(text.toString());
            byte[] record = p.toByteArray();
            entries.add(1_597_371_753_000_000_000L, record, 0, record.length);
            written += record.length;
        }
        Chunk big =
                new Chunk("big", "app.api", entries.array(), 0, entries.size(), entries.count());

        Path state = dir.resolve("state-t4");
        assertThat(
                        config("t4/${chunk_id}", Compression.NONE, S3ProxyServer.CREDENTIAL)
                                .build(
                                        new OutputContext(
                                                "s3",
                                                "n1",
                                                Clock.systemUTC(),
                                                dir.resolve("dead"),
                                                state))
                                .write(big))
                .isEqualTo(WriteResult.DELIVERED);
        assertThat(state.resolve("uploads")).isEmptyDirectory(); // its record, gone once completed

        Path file = s3proxy.bucketDir(BUCKET).resolve("t4/big.json");
        assertThat(file).isRegularFile();
        assertThat(java.nio.file.Files.size(file)).isGreaterThan(50L << 20);
        try (var reader = java.nio.file.Files.newBufferedReader(file)) {
            assertThat(reader.lines().count()).isEqualTo(lines);
        }
    }

    @Test
    void whileS3IsDownChunksAreLeftForRetryAndStoredOnceItIsBack() throws Exception {
        Output out = output("t5/${chunk_id}", Compression.GZIP);
        s3proxy.stop();
        try {
            assertThat(out.write(chunk("c5", "2020-08-14T10:00:00Z")))
                    .isInstanceOf(WriteResult.Retry.class);
        } finally {
            s3proxy.start();
        }
        assertThat(out.write(chunk("c5", "2020-08-14T10:00:00Z"))).isEqualTo(WriteResult.DELIVERED);
        assertThat(keys("t5/")).containsExactly("t5/c5.json.gz");
    }

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        volatile java.time.Instant now = java.time.Instant.parse("2020-08-14T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    /** A tag holding a newline and tab forged a manifest entry pointing elsewhere; `//`, `..` and NUL were retried forever. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "app\tevil\ns3://other-bucket/secret",
                "a//b",
                "z/../mask.secret",
                "app\u0000nul"
            })
    void aChunkWhoseKeyCanNeverBeAnObjectIsRejectedAndListedInNoManifest(String tag)
            throws Exception {
        S3OutputConfig base =
                config(
                        "t7/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        Compression.GZIP, S3ProxyServer.CREDENTIAL);
        S3OutputConfig withManifest =
                new S3OutputConfig(
                        base.bucket(),
                        base.key(),
                        base.region(),
                        base.endpoint(),
                        true,
                        base.credentials(),
                        base.format(),
                        base.compression(),
                        0,
                        base.timeZone(),
                        base.eventTime(),
                        base.serverSideEncryption(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(),
                        base.multipartThreshold(),
                        base.partSize(),
                        Optional.of(
                                new ManifestConfig(
                                        "t7/manifests/", java.time.Duration.ofMinutes(5))));
        HandClock clock = new HandClock();
        Path state = dir.resolve("state-t7-" + Math.abs(tag.hashCode()));
        Output out =
                withManifest.build(
                        new OutputContext("s3", "n1", clock, dir.resolve("dead"), state));
        out.start();

        WriteResult r = out.write(TestChunks.at("p1", tag, "2020-08-14T10:00:00+09:00"));
        WriteResult ok = out.write(TestChunks.at("p2", "app.ok", "2020-08-14T10:00:00+09:00"));
        clock.now = clock.now.plusSeconds(301);
        out.close();

        assertThat(r).isInstanceOf(WriteResult.Rejected.class);
        assertThat(ok).isEqualTo(WriteResult.DELIVERED);
        assertThat(keys("t7/"))
                .noneMatch(k -> k.contains("p1"))
                .noneMatch(k -> k.contains("evil") || k.contains("secret"));
        try (S3Client s3 = s3proxy.client()) {
            for (String key : keys("t7/manifests/")) {
                String manifest =
                        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
                assertThat(manifest).doesNotContain("other-bucket").doesNotContain("p1");
            }
        }
    }

    @Test
    void aRedshiftManifestListsTheObjectsOfAWindowOnceItHasEnded() throws Exception {
        S3OutputConfig base =
                config(
                        "t6/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}",
                        Compression.GZIP, S3ProxyServer.CREDENTIAL);
        S3OutputConfig withManifest =
                new S3OutputConfig(
                        base.bucket(),
                        base.key(),
                        base.region(),
                        base.endpoint(),
                        true,
                        base.credentials(),
                        base.format(),
                        base.compression(),
                        0,
                        base.timeZone(),
                        base.eventTime(),
                        base.serverSideEncryption(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(),
                        base.multipartThreshold(),
                        base.partSize(),
                        Optional.of(
                                new ManifestConfig(
                                        "t6/manifests/", java.time.Duration.ofMinutes(5))));
        HandClock clock = new HandClock();
        Output out =
                withManifest.build(
                        new OutputContext(
                                "s3", "n1", clock, dir.resolve("dead"), dir.resolve("state-t6")));
        out.start();
        out.write(chunk("m1", "2020-08-14T10:00:00+09:00"));
        out.write(chunk("m1", "2020-08-14T10:00:00+09:00")); // a retry appends the same URL again
        out.write(chunk("m2", "2020-08-14T10:00:01+09:00", "2020-08-15T00:00:00+09:00"));
        assertThat(keys("t6/manifests/")).isEmpty();

        clock.now = clock.now.plusSeconds(301);
        out.write(chunk("m3", "2020-08-14T11:00:00+09:00")); // hands the ended window to its thread

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (keys("t6/manifests/").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(keys("t6/manifests/"))
                .containsExactly("t6/manifests/app.api/n1-20200814T0200Z.manifest");
        String manifest;
        try (S3Client s3 = s3proxy.client()) {
            manifest =
                    s3.getObjectAsBytes(
                                    r ->
                                            r.bucket(BUCKET)
                                                    .key(
                                                            "t6/manifests/app.api/n1-20200814T0200Z.manifest"))
                            .asUtf8String();
        }
        assertThat(manifest)
                .contains(
                        "\"url\":\"s3://"
                                + BUCKET
                                + "/t6/app.api/dt=2020-08-14/n1-m1.json.gz\",\"mandatory\":true")
                .contains("dt=2020-08-14/n1-m2.json.gz")
                .contains("dt=2020-08-15/n1-m2.json.gz")
                .doesNotContain("m3");
        assertThat(manifest.split("n1-m1.json.gz", -1)).hasSize(2); // listed once
        out.close();
        assertThat(keys("t6/manifests/")).hasSize(1); // m3's window has not ended
    }

    @Test
    void aBuiltOutputRunsNoThreadUntilStartedAndCloseStopsIt() throws Exception {
        S3OutputConfig base = config("t8/${chunk_id}", Compression.GZIP, S3ProxyServer.CREDENTIAL);
        S3OutputConfig withManifest =
                new S3OutputConfig(
                        base.bucket(),
                        base.key(),
                        base.region(),
                        base.endpoint(),
                        true,
                        base.credentials(),
                        base.format(),
                        base.compression(),
                        0,
                        base.timeZone(),
                        base.eventTime(),
                        base.serverSideEncryption(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(),
                        base.multipartThreshold(),
                        base.partSize(),
                        Optional.of(
                                new ManifestConfig(
                                        "t8/manifests/", java.time.Duration.ofMinutes(5))));
        Output out =
                withManifest.build(
                        new OutputContext(
                                "s3-t8",
                                "n1",
                                new HandClock(),
                                dir.resolve("dead"),
                                dir.resolve("state-t8")));
        assertThat(manifestThreads()).isZero();
        out.start();
        assertThat(manifestThreads()).isEqualTo(1);
        out.close();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (manifestThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(manifestThreads()).isZero();
    }

    private static long manifestThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("hakobu-s3-manifests-s3-t8") && t.isAlive())
                .count();
    }
}
