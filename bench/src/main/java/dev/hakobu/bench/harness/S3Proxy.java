package dev.hakobu.bench.harness;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3Proxy as its own process for the harness (filesystem backend, SigV4), with the bench bucket created. */
public final class S3Proxy implements AutoCloseable {
    /** Access key id the proxy accepts. */
    public static final String IDENTITY = "hakobu-bench";

    /** Secret key the proxy accepts. */
    public static final String CREDENTIAL = "hakobu-bench-secret";

    /** The bucket every harness writes to. */
    public static final String BUCKET = "hakobu-bench";

    private final Process process;
    private final int port;
    private final Path dir;

    private S3Proxy(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts the proxy from {@code jar} with its data and log under {@code dir}; returns once the bucket exists. */
    public static S3Proxy start(Path jar, Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        int port = Ports.free();
        Files.writeString(
                dir.resolve("s3proxy.properties"),
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + IDENTITY,
                        "s3proxy.credential=" + CREDENTIAL,
                        "jclouds.provider=filesystem-nio2",
                        "jclouds.filesystem.basedir=" + dir.resolve("data"),
                        ""));
        Process p =
                new ProcessBuilder(
                                "java",
                                "-Xmx512m",
                                "-jar",
                                jar.toString(),
                                "--properties",
                                dir.resolve("s3proxy.properties").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("s3proxy.log").toFile())
                        .start();
        Ports.await(port);
        S3Proxy s3 = new S3Proxy(p, port, dir);
        try (S3Client client =
                S3Client.builder()
                        .region(Region.US_EAST_1)
                        .endpointOverride(URI.create(s3.endpoint()))
                        .forcePathStyle(true)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                        .build()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
        return s3;
    }

    /** The objects as files (filesystem backend): {@code <key>} under this folder. */
    public Path bucketDir() {
        return dir.resolve("data").resolve(BUCKET);
    }

    /** The proxy's process, for its CPU and memory. */
    public Process process() {
        return process;
    }

    /** Base URL for the S3 client. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the proxy (SIGTERM) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
