package dev.hakobu.outputs.s3;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy 4.1.0 as its own process on 127.0.0.1, SigV4 enforced, objects
 * stored as plain files under {@code dir/<bucket>/<key>} (so DuckDB can read them as a user would).
 * Can be stopped and started again on the same port and directory to simulate an outage.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String IDENTITY = "hakobu-test";
    public static final String CREDENTIAL = "hakobu-test-secret";
    private final Path dir;
    private final int port;
    private Process process;

    public S3ProxyServer(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    public static Path jar() {
        String jar = System.getProperty("hakobu.s3proxy.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException(
                    "hakobu.s3proxy.jar is not set or missing (" + jar + "); run through Maven");
        }
        return Path.of(jar);
    }

    public S3ProxyServer start() throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + IDENTITY,
                        "s3proxy.credential=" + CREDENTIAL,
                        "jclouds.provider=filesystem-nio2",
                        "jclouds.filesystem.basedir=" + data,
                        ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        process =
                new ProcessBuilder(
                                java,
                                "-Xmx256m",
                                "-jar",
                                jar().toString(),
                                "--properties",
                                properties.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        dir.resolve("s3proxy.log").toFile()))
                        .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("S3Proxy exited; see " + dir.resolve("s3proxy.log"));
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("S3Proxy did not listen on " + port + " within 60 s");
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the objects of {@code bucket} lie as files. */
    public Path bucketDir(String bucket) {
        return dir.resolve("data").resolve(bucket);
    }

    /** A client with the right credentials, for setting up and checking. */
    public S3Client client() {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
