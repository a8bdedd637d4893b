package dev.hakobu.bench.harness;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3Proxy as its own process for the harness (filesystem backend, SigV4), with the bench bucket created. */
final class S3Proxy implements AutoCloseable {
    static final String IDENTITY = "hakobu-bench";
    static final String CREDENTIAL = "hakobu-bench-secret";
    private final Process process;
    private final int port;

    private S3Proxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static S3Proxy start(Path jar, Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        int port = AggregatorLoad.freePort();
        Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + IDENTITY, "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem-nio2", "jclouds.filesystem.basedir=" + dir.resolve("data"), ""));
        Process p = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(), "--properties", dir.resolve("s3proxy.properties").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        AggregatorLoad.awaitPort(port);
        S3Proxy s3 = new S3Proxy(p, port);
        try (S3Client client = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(s3.endpoint())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL))).build()) {
            client.createBucket(b -> b.bucket("hakobu-bench"));
        }
        return s3;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
