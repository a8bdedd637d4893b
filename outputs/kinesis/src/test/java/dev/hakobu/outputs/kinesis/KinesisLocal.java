package dev.hakobu.outputs.kinesis;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A real Kinesis API for tests: kinesis-local 0.6.2 (a Node build of kinesis-mock), installed from npm
 * into target/servers/kinesis when absent, run by node with a preload that forces its listeners onto
 * 127.0.0.1 (it binds every interface by design). Stopped by destroying the process it started.
 */
final class KinesisLocal implements AutoCloseable {
    static final String VERSION = "0.6.2";
    private final Path dir;
    private final int port;
    private Process process;

    private KinesisLocal(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static KinesisLocal start() throws IOException, InterruptedException {
        String property = System.getProperty("hakobu.kinesis.dir");
        if (property == null) {
            throw new IllegalStateException("hakobu.kinesis.dir is not set; run through Maven");
        }
        Path dir = Files.createDirectories(Path.of(property).toAbsolutePath());
        Path pkg = dir.resolve("node_modules/kinesis-local");
        if (!Files.exists(pkg.resolve("main.js"))) {
            run(
                    dir,
                    "npm",
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                    dir.toString(),
                    "kinesis-local@" + VERSION);
        }
        Path preload = dir.resolve("force-loopback.js");
        try (InputStream in =
                KinesisLocal.class.getResourceAsStream("/kinesis/force-loopback.js")) {
            Files.copy(in, preload, StandardCopyOption.REPLACE_EXISTING);
        }
        KinesisLocal k = new KinesisLocal(dir, freePort());
        ProcessBuilder pb =
                new ProcessBuilder("node", "-r", preload.toString(), "main.js")
                        .directory(pkg.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("kinesis-local.log").toFile());
        pb.environment().put("KINESIS_MOCK_PLAIN_PORT", String.valueOf(k.port));
        pb.environment().put("KINESIS_MOCK_TLS_PORT", String.valueOf(freePort()));
        pb.environment().put("CREATE_STREAM_DURATION", "0ms");
        pb.environment().put("LOG_LEVEL", "WARN");
        k.process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", k.port)) {
                return k;
            } catch (IOException e) {
                if (!k.process.isAlive() || System.nanoTime() > deadline) {
                    k.close();
                    throw new IOException(
                            "kinesis-local did not listen on "
                                    + k.port
                                    + "; see "
                                    + dir.resolve("kinesis-local.log"));
                }
                Thread.sleep(100);
            }
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    KinesisClient client() {
        return KinesisClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint()))
                .httpClient(ApacheHttpClient.builder().build())
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("local", "local")))
                .build();
    }

    void createStream(String name, int shards) throws InterruptedException {
        try (KinesisClient c = client()) {
            c.createStream(r -> r.streamName(name).shardCount(shards));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (c.describeStreamSummary(r -> r.streamName(name))
                            .streamDescriptionSummary()
                            .streamStatus()
                    != StreamStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("stream " + name + " not active after 30 s");
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }
}
