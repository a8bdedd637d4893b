package dev.hakobu.outputs.elasticsearch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSearch 2 or Elasticsearch 8 node for tests: the integ-test-zip distribution the build
 * unpacked into target/servers, on 127.0.0.1, single node, security off, 512 MiB heap. Both refuse to
 * run as root, so it runs as nobody (uid 65534) through setpriv after a chown. Stopped by pid.
 */
public final class SearchServer implements AutoCloseable {
    /** Which distribution: its system property, command and environment prefix. */
    public enum Kind {
        OPENSEARCH("hakobu.opensearch.home", "opensearch", "OPENSEARCH"),
        ELASTICSEARCH("hakobu.elasticsearch.home", "elasticsearch", "ES");

        final String property;
        final String command;
        final String env;

        Kind(String property, String command, String env) {
            this.property = property;
            this.command = command;
            this.env = env;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Kind kind;
    private final Path home;
    private final Path work;
    private final int port;
    private long pid;

    private SearchServer(Kind kind) throws IOException {
        this.kind = kind;
        String dir = System.getProperty(kind.property);
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException(
                    kind.property + " is not set or missing (" + dir + "); run through Maven");
        }
        this.home = Path.of(dir).toAbsolutePath();
        this.port = freePort();
        this.work = home.resolveSibling(home.getFileName() + "-work-" + port);
    }

    public static SearchServer start(Kind kind) throws IOException, InterruptedException {
        SearchServer s = new SearchServer(kind);
        s.start();
        return s;
    }

    private void start() throws IOException, InterruptedException {
        for (String d : List.of("data", "logs", "tmp")) {
            Files.createDirectories(work.resolve(d));
        }
        StringBuilder yml =
                new StringBuilder()
                        .append("network.host: 127.0.0.1\nhttp.port: ")
                        .append(port)
                        .append("\ntransport.port: ")
                        .append(freePort())
                        .append("\ndiscovery.type: single-node\npath.data: ")
                        .append(work.resolve("data"))
                        .append("\npath.logs: ")
                        .append(work.resolve("logs"))
                        .append('\n');
        if (kind == Kind.ELASTICSEARCH) {
            yml.append("xpack.security.enabled: false\nxpack.ml.enabled: false\n");
        }
        Files.writeString(home.resolve("config").resolve(kind.command + ".yml"), yml);
        Files.writeString(
                home.resolve("config/jvm.options.d/heap.options"), "-Xms512m\n-Xmx512m\n");
        run(List.of("chown", "-R", "nobody:nogroup", home.toString(), work.toString()));
        ProcessBuilder pb =
                new ProcessBuilder(
                                "setpriv",
                                "--reuid=65534",
                                "--regid=65534",
                                "--clear-groups",
                                home.resolve("bin").resolve(kind.command).toString(),
                                "-d",
                                "-p",
                                work.resolve("pid").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("launcher.log").toFile());
        pb.environment().put(kind.env + "_JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put(kind.env + "_TMPDIR", work.resolve("tmp").toString());
        Process launcher = pb.start();
        if (!launcher.waitFor(120, TimeUnit.SECONDS) || launcher.exitValue() != 0) {
            launcher.destroyForcibly();
            throw new IOException(
                    kind
                            + " did not start; see "
                            + work.resolve("launcher.log")
                            + " and "
                            + work.resolve("logs"));
        }
        // Elasticsearch's launcher returns once the node runs; OpenSearch's at once, the node
        // writes its pid file later
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(work.resolve("pid")) || Files.size(work.resolve("pid")) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        kind + " wrote no pid file in 120 s; see " + work.resolve("logs"));
            }
            Thread.sleep(100);
        }
        pid = Long.parseLong(Files.readString(work.resolve("pid")).strip());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        while (true) {
            try {
                HttpResponse<String> health =
                        get("/_cluster/health?wait_for_status=yellow&timeout=60s");
                if (health.statusCode() == 200) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(kind + " is not healthy: " + health.body());
                }
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline || ProcessHandle.of(pid).isEmpty()) {
                    stop();
                    throw new IOException(
                            kind + " does not answer on " + url() + "; see " + work.resolve("logs"),
                            e);
                }
            }
            Thread.sleep(200);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Kind kind() {
        return kind;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
    }

    public HttpResponse<String> send(String method, String path, String json)
            throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder b)
            throws IOException, InterruptedException {
        return HTTP.send(
                b.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the node (SIGTERM, then SIGKILL after 30 s) and waits for it to exit. Idempotent. */
    public synchronized void stop() {
        if (pid == 0) {
            return;
        }
        ProcessHandle.of(pid)
                .ifPresent(
                        p -> {
                            p.destroy();
                            try {
                                p.onExit().get(30, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                p.destroyForcibly();
                            }
                        });
        pid = 0;
    }

    @Override
    public void close() {
        stop();
    }
}
