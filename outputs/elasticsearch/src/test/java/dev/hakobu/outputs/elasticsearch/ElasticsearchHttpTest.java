package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hakobu.config.DataSize;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.retry.ItemRetryConfig;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes on the wire: auth headers, gzip, TLS against a CA file. A JDK HTTP server stands in for the cluster. */
class ElasticsearchHttpTest {
    private static final String OK = "{\"errors\":false}";
    private static final IndexTemplateConfig NO_TEMPLATE =
            new IndexTemplateConfig(false, Optional.empty(), List.of(), 200);

    @TempDir Path dir;

    private HttpServer server;
    private final List<String[]> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        if ("gzip".equals(x.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        seen.add(
                new String[] {
                    x.getRequestURI().toString(),
                    x.getRequestHeaders().getFirst("Authorization"),
                    x.getRequestHeaders().getFirst("Content-Encoding"),
                    new String(body, StandardCharsets.UTF_8)
                });
        byte[] reply = OK.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, reply.length);
        x.getResponseBody().write(reply);
        x.close();
    }

    private static ElasticsearchOutputConfig config(
            String url, Optional<String> user, Optional<String> apiKey, Optional<Path> ca) {
        return new ElasticsearchOutputConfig(
                url,
                "logs",
                false,
                ZoneId.of("UTC"),
                EventTimeConfig.defaults(),
                user,
                user.map(u -> "secret"),
                apiKey,
                ca,
                true,
                DataSize.ofBytes(1 << 20),
                Duration.ofSeconds(10),
                new ItemRetryConfig(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ZERO),
                Map.of(),
                NO_TEMPLATE);
    }

    private String plainServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void basicAuthAndGzippedNdjsonWithAServerSideTimeout() throws Exception {
        ElasticsearchHttp http =
                new ElasticsearchHttp(
                        config(
                                plainServer(),
                                Optional.of("hakobu"),
                                Optional.empty(),
                                Optional.empty()));
        ElasticsearchHttp.Response r =
                http.bulk(
                        BulkRequestBuilder.body(
                                List.of(new BulkItem(0, 0, 0, 0, "logs", "c-0", "{}\n".getBytes())),
                                true),
                        true);

        assertThat(r.status()).isEqualTo(200);
        String[] request = seen.get(0);
        assertThat(request[0]).startsWith("/_bulk?filter_path=").endsWith("&timeout=5000ms");
        assertThat(request[1]).isEqualTo("Basic aGFrb2J1OnNlY3JldA==");
        assertThat(request[2]).isEqualTo("gzip");
        assertThat(request[3])
                .isEqualTo("{\"create\":{\"_index\":\"logs\",\"_id\":\"c-0\"}}\n{}\n");
    }

    @Test
    void anApiKeyGoesAsApiKeyAuthorization() throws Exception {
        new ElasticsearchHttp(
                        config(
                                plainServer(),
                                Optional.empty(),
                                Optional.of("aWQ6a2V5"),
                                Optional.empty()))
                .get("/_cluster/health", Duration.ofSeconds(5));
        assertThat(seen.get(0)[1]).isEqualTo("ApiKey aWQ6a2V5");
    }

    @Test
    void tlsIsVerifiedAgainstTheCaFile() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path pem = dir.resolve("ca.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "es",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "es",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ssl));
        https.createContext("/", this::handle);
        https.start();
        server = https;
        String url = "https://127.0.0.1:" + https.getAddress().getPort();

        ElasticsearchOutput trusting =
                new ElasticsearchOutputConfig(
                                url,
                                "logs",
                                false,
                                ZoneId.of("UTC"),
                                EventTimeConfig.defaults(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(pem),
                                true,
                                DataSize.ofBytes(1 << 20),
                                Duration.ofSeconds(10),
                                new ItemRetryConfig(
                                        Duration.ofMillis(100),
                                        Duration.ofSeconds(1),
                                        Duration.ZERO),
                                Map.of(),
                                NO_TEMPLATE)
                        .build(
                                new dev.hakobu.output.OutputContext(
                                        "es", "n1", java.time.Clock.systemUTC(), dir),
                                d -> {});
        ElasticsearchOutput untrusting =
                config(url, Optional.empty(), Optional.empty(), Optional.empty())
                        .build(
                                new dev.hakobu.output.OutputContext(
                                        "es", "n1", java.time.Clock.systemUTC(), dir),
                                d -> {});

        assertThat(trusting.health().up()).as(trusting.health().detail()).isTrue();
        assertThat(untrusting.health().up()).isFalse();
        assertThat(untrusting.health().detail()).containsIgnoringCase("cannot reach");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
