package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Health;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.testing.TestChunks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration S3 refuses: retried, and the output's health says what to fix until it is fixed. */
class S3MisconfigurationTest {
    @TempDir static Path dir;

    static S3ProxyServer s3proxy;

    @BeforeAll
    static void startS3() throws Exception {
        s3proxy = new S3ProxyServer(dir).start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3proxy.close();
    }

    private static Output output(S3OutputConfig config) {
        return config.build(new OutputContext("s3", "n1", Clock.systemUTC()));
    }

    private static S3OutputConfig config(String bucket) {
        return S3OutputTest.config(
                s3proxy, bucket, "x/${chunk_id}", Compression.GZIP, S3ProxyServer.CREDENTIAL);
    }

    @Test
    void aMissingBucketIsRetriedAndReportedUntilItIsCreated() {
        try (Output out = output(config("not-created-yet"))) {
            assertThat(out.health().up()).isTrue();

            WriteResult r = out.write(TestChunks.at("c1", "app.api", "2020-08-14T11:00:00Z"));

            assertThat(r)
                    .isEqualTo(
                            new WriteResult.Retry(
                                    "misconfigured: bucket not-created-yet does not exist; create"
                                            + " it or fix bucket (S3 404 NoSuchBucket: The specified"
                                            + " bucket does not exist)"));
            assertThat(out.health()).isEqualTo(Health.down(((WriteResult.Retry) r).reason()));

            s3proxy.createBucket("not-created-yet");
            assertThat(out.write(TestChunks.at("c1", "app.api", "2020-08-14T11:00:00Z")))
                    .isEqualTo(WriteResult.DELIVERED);
            assertThat(out.health())
                    .isEqualTo(Health.up("the last write found no configuration error"));
        }
    }

    @Test
    void encryptionTheEndpointDoesNotOfferIsRetriedAndReported() {
        s3proxy.createBucket("sse-bucket");
        S3OutputConfig base = config("sse-bucket");
        S3OutputConfig sse =
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
                        S3OutputConfig.ServerSideEncryption.AES256,
                        Optional.empty(),
                        Optional.empty(),
                        base.metadata(),
                        base.multipartThreshold(),
                        base.partSize(),
                        Optional.empty());
        try (Output out = output(sse)) {
            WriteResult r = out.write(TestChunks.at("c1", "app.api", "2020-08-14T11:00:00Z"));

            assertThat(r).isInstanceOf(WriteResult.Retry.class);
            assertThat(((WriteResult.Retry) r).reason())
                    .startsWith("misconfigured: bucket sse-bucket: the endpoint does not implement")
                    .contains("S3 501 NotImplemented");
            assertThat(out.health().up()).isFalse();
            assertThat(out.health().detail()).isEqualTo(((WriteResult.Retry) r).reason());
        }
    }
}
