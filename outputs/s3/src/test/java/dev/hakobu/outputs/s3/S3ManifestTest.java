package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.s3.S3OutputTest.HandClock;
import dev.hakobu.testing.TestChunks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Redshift manifests with several writers: off their path, and exact after a crash. */
class S3ManifestTest {
    private static final String BUCKET = "hakobu-manifests";
    private static final Pattern URL = Pattern.compile("\"url\":\"s3://" + BUCKET + "/([^\"]+)\"");

    @TempDir static Path dir;

    static S3ProxyServer s3proxy;

    @BeforeAll
    static void startS3() throws Exception {
        s3proxy = new S3ProxyServer(dir.resolve("s3")).start();
        s3proxy.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3proxy.close();
    }

    private static S3OutputConfig withManifest(String endpoint, String prefix) {
        S3OutputConfig base =
                S3OutputTest.config(
                        s3proxy,
                        BUCKET,
                        prefix + "/${tag}/${node}-${chunk_id}",
                        Compression.GZIP,
                        S3ProxyServer.CREDENTIAL);
        return new S3OutputConfig(
                base.bucket(),
                base.key(),
                base.region(),
                Optional.of(endpoint),
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
                base.metadata(),
                base.multipartThreshold(),
                base.partSize(),
                Optional.of(new ManifestConfig(prefix + "-manifests/", Duration.ofMinutes(5))));
    }

    @Test
    void aManifestUploadThatHangsDoesNotHoldTheOtherWriters() throws Exception {
        int s3port = URI.create(s3proxy.endpoint()).getPort();
        HandClock clock = new HandClock();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (HoldingProxy proxy = new HoldingProxy(s3port, "/m1-manifests/")) {
            Output out =
                    withManifest(proxy.endpoint(), "m1")
                            .build(
                                    new OutputContext(
                                            "s3-m1",
                                            "n1",
                                            clock,
                                            dir.resolve("dead"),
                                            dir.resolve("state-m1")));
            out.start();
            assertThat(out.write(chunk("a0"))).isEqualTo(WriteResult.DELIVERED);
            clock.now = clock.now.plusSeconds(301);
            // this write ends the window: its manifest's PutObject is held by the proxy
            assertThat(out.write(chunk("a1"))).isEqualTo(WriteResult.DELIVERED);
            awaitUntil(() -> proxy.held() == 1);

            List<Future<WriteResult>> writes = new ArrayList<>();
            for (int i = 2; i < 42; i++) {
                String id = "a" + i;
                writes.add(workers.submit(() -> out.write(chunk(id))));
            }
            for (Future<WriteResult> w : writes) {
                assertThat(w.get(60, TimeUnit.SECONDS)).isEqualTo(WriteResult.DELIVERED);
            }
            assertThat(manifestKeys("m1-manifests/")).isEmpty(); // still held all along
            assertThat(proxy.held()).isEqualTo(1);

            proxy.release();
            awaitUntil(() -> manifestKeys("m1-manifests/").size() == 1);
            assertThat(listed("m1-manifests/")).containsExactly("m1/app.api/n1-a0.json.gz");
            out.close();
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void afterACrashTheManifestListsExactlyTheObjectsWritten() throws Exception {
        HandClock clock = new HandClock();
        Path state = dir.resolve("state-m2");
        Output before =
                withManifest(s3proxy.endpoint(), "m2")
                        .build(new OutputContext("s3-m2", "n1", clock, dir.resolve("dead"), state));
        before.start();
        ExecutorService workers = Executors.newFixedThreadPool(6);
        try {
            List<Future<WriteResult>> writes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String id = "b" + i;
                writes.add(workers.submit(() -> before.write(chunk(id))));
            }
            writes.add(workers.submit(() -> before.write(chunk("b7")))); // a retry of b7
            for (Future<WriteResult> w : writes) {
                assertThat(w.get(60, TimeUnit.SECONDS)).isEqualTo(WriteResult.DELIVERED);
            }
        } finally {
            workers.shutdownNow();
        }
        // the crash: `before` is never closed, and its last append was torn mid-line
        Path pending;
        try (var files = Files.list(state.resolve("manifests"))) {
            pending =
                    files.filter(f -> f.toString().endsWith(".pending")).findFirst().orElseThrow();
        }
        Files.writeString(
                pending,
                "{\"tag\":\"app.api\",\"url\":\"s3://" + BUCKET + "/m2/app.api/n1-b9",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        clock.now = clock.now.plusSeconds(301);
        Output after =
                withManifest(s3proxy.endpoint(), "m2")
                        .build(new OutputContext("s3-m2", "n1", clock, dir.resolve("dead"), state));
        after.start();
        after.close(); // writes the ended windows' manifests

        Set<String> objects = objectKeys("m2/");
        assertThat(objects).hasSize(60);
        assertThat(manifestKeys("m2-manifests/"))
                .containsExactly("m2-manifests/app.api/n1-20200814T0200Z.manifest");
        assertThat(listed("m2-manifests/")).containsExactlyElementsOf(objects);
    }

    @Test
    void aManifestWrittenAgainAfterACrashBeforeItsFileWasDeletedIsTheSame() throws Exception {
        Path state = dir.resolve("state-m3").resolve("manifests");
        ManifestLog log =
                new ManifestLog(
                        state,
                        new ManifestConfig("m3-manifests/", Duration.ofMinutes(5)),
                        BUCKET,
                        "n1");
        java.time.Instant t = java.time.Instant.parse("2020-08-14T02:00:00Z");
        log.add("app.api", t, List.of("m3/a.json.gz", "m3/b.json.gz"));
        log.add("app.api", t.plusSeconds(1), List.of("m3/a.json.gz")); // a retried chunk
        log.close();
        Path pending;
        try (var files = Files.list(state)) {
            pending = files.findFirst().orElseThrow();
        }
        byte[] beforeUpload = Files.readAllBytes(pending);
        String key = "m3-manifests/app.api/n1-20200814T0200Z.manifest";
        try (S3Client s3 = s3proxy.client()) {
            log.flushEnded(s3, t.plusSeconds(300));
            assertThat(Files.exists(pending)).isFalse();
            String first = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String();

            Files.write(
                    pending, beforeUpload); // the crash came after the upload, before the delete
            ManifestLog restarted =
                    new ManifestLog(
                            state,
                            new ManifestConfig("m3-manifests/", Duration.ofMinutes(5)),
                            BUCKET,
                            "n1");
            restarted.flushEnded(s3, t.plusSeconds(300));

            assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String())
                    .isEqualTo(first);
            assertThat(listed("m3-manifests/")).containsExactly("m3/a.json.gz", "m3/b.json.gz");
            assertThat(Files.exists(pending)).isFalse();
        }
    }

    private static dev.hakobu.output.Chunk chunk(String id) {
        return TestChunks.at(id, "app.api", "2020-08-14T11:00:00+09:00");
    }

    /** The URLs of every manifest under the prefix, as keys, once each (sorted). */
    private static List<String> listed(String prefix) {
        List<String> urls = new ArrayList<>();
        try (S3Client s3 = s3proxy.client()) {
            for (String key : manifestKeys(prefix)) {
                Matcher m =
                        URL.matcher(
                                s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String());
                while (m.find()) {
                    urls.add(m.group(1));
                }
            }
        }
        return urls.stream().sorted().toList();
    }

    private static List<String> manifestKeys(String prefix) {
        return List.copyOf(objectKeys(prefix));
    }

    private static Set<String> objectKeys(String prefix) {
        try (S3Client s3 = s3proxy.client()) {
            return s3
                    .listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
