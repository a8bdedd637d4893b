package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.outputs.s3.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 output whose bucket does not exist, through a real aggregator and S3Proxy: {@code /ready} says
 * 503 naming the bucket and what to do, the output's health says it in {@code /api/status}, nothing is
 * dropped, and once the bucket is created every record arrives once.
 */
@Timeout(120)
class S3MisconfigurationEndToEndTest {
    private static final String BUCKET = "created-later";
    private static final int CHUNKS = 4;
    private static final int EVENTS_PER_CHUNK = 25;
    private static final Pattern MESSAGE = Pattern.compile("\"message\":\"([^\"]*)\"");

    @TempDir Path work;

    @Test
    void aMissingBucketMakesTheAggregatorNotReadyUntilItIsCreatedThenEveryRecordArrivesOnce()
            throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer(work.resolve("s3")).start()) {
            Path yaml =
                    Files.writeString(
                            work.resolve("aggregator.yaml"),
                            """
                    node: n1
                    state_dir: "%s"
                    listen: {bind: 127.0.0.1, port: 0}
                    http: {bind: 127.0.0.1, port: 0}
                    buffer: {max_age: 100ms, late_wait: 0s, dir: "%s"}
                    delivery: {retry_initial: 50ms, retry_max: 200ms}
                    outputs:
                      lake:
                        type: s3
                        bucket: %s
                        key: "logs/${tag}/${node}-${chunk_id}"
                        endpoint: "%s"
                        path_style: true
                        credentials: {access_key_id: %s, secret_access_key: %s}
                    routes:
                      - match: "app.**"
                        outputs: [lake]
                    """
                                    .formatted(
                                            work.resolve("state"),
                                            work.resolve("buffer"),
                                            BUCKET,
                                            s3.endpoint(),
                                            S3ProxyServer.IDENTITY,
                                            S3ProxyServer.CREDENTIAL));
            try (Aggregator aggregator =
                    Aggregator.start(
                            ConfigLoader.fromClasspath().load(yaml, AggregatorConfig.class),
                            Clock.systemUTC(),
                            new SplittableRandom(1))) {
                String ready =
                        "http://127.0.0.1:" + aggregator.httpAddress().orElseThrow().getPort();
                TestSender.send(aggregator, "app.api", CHUNKS, EVENTS_PER_CHUNK, 3);

                TestSender.awaitTrue(
                        "/ready answers 503", () -> get(ready + "/ready").statusCode() == 503);
                assertThat(get(ready + "/ready").body())
                        .contains(
                                "lake: the last ",
                                "misconfigured: bucket created-later does not exist; create it or"
                                        + " fix bucket (S3 404 NoSuchBucket");
                TestSender.awaitTrue(
                        "/api/status shows the output's health",
                        () -> sink(aggregator).containsKey("up"));
                assertThat(sink(aggregator))
                        .containsEntry("up", false)
                        .containsEntry(
                                "detail",
                                "misconfigured: bucket created-later does not exist; create it or"
                                        + " fix bucket (S3 404 NoSuchBucket: The specified bucket"
                                        + " does not exist)");
                assertThat(aggregator.bufferStats().get("lake").usedBytes()).isPositive(); // kept
                assertThat(aggregator.bufferStats().get("lake").deadLetteredChunks()).isZero();

                s3.createBucket(BUCKET);

                TestSender.awaitTrue(
                        "/ready answers 200", () -> get(ready + "/ready").statusCode() == 200);
                TestSender.awaitTrue(
                        "the buffer is empty",
                        () -> aggregator.bufferStats().get("lake").usedBytes() == 0);
                assertThat(aggregator.bufferStats().get("lake").deadLetteredChunks()).isZero();
                Map<String, Integer> lines = lines(s3);
                assertThat(lines).hasSize(CHUNKS * EVENTS_PER_CHUNK);
                assertThat(lines.values()).allMatch(n -> n == 1);
                for (int c = 0; c < CHUNKS; c++) {
                    for (int i = 0; i < EVENTS_PER_CHUNK; i++) {
                        assertThat(lines).containsEntry("line " + c + "." + i, 1);
                    }
                }
            }
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The message of every record in the bucket, with how many times it occurs. */
    private static Map<String, Integer> lines(S3ProxyServer s3proxy) throws IOException {
        Map<String, Integer> lines = new TreeMap<>();
        try (S3Client s3 = s3proxy.client()) {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(r -> r.bucket(BUCKET))
                    .contents()
                    .forEach((S3Object o) -> keys.add(o.key()));
            for (String key : keys) {
                try (InputStream in =
                        new GZIPInputStream(s3.getObject(r -> r.bucket(BUCKET).key(key)))) {
                    for (String line :
                            new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        Matcher m = MESSAGE.matcher(line);
                        lines.merge(m.find() ? m.group(1) : line, 1, Integer::sum);
                    }
                }
            }
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sink(Aggregator aggregator) {
        Map<String, Object> outputs = (Map<String, Object>) aggregator.status().get("outputs");
        return (Map<String, Object>) ((Map<String, Object>) outputs.get("lake")).get("sink");
    }
}
