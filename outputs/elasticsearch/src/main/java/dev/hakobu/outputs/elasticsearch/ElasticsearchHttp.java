package dev.hakobu.outputs.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP side of the output: bulk requests and health checks, with auth and TLS from the config.
 * Thread-safe (one {@link HttpClient} shared by all workers).
 */
final class ElasticsearchHttp {
    /** Only what the output reads: far smaller responses for large bulks, same shape on both servers. */
    private static final String FILTER =
            "filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason,"
                    + "items.*.error.caused_by.reason";

    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client;
    private final String base;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final String bulkPath;

    ElasticsearchHttp(ElasticsearchOutputConfig c) {
        HttpClient.Builder b =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .version(HttpClient.Version.HTTP_1_1);
        c.caFile().ifPresent(ca -> b.sslContext(trusting(ca)));
        this.client = b.build();
        this.base = c.url().endsWith("/") ? c.url().substring(0, c.url().length() - 1) : c.url();
        this.authorization =
                c.apiKey()
                        .map(k -> "ApiKey " + k)
                        .or(
                                () ->
                                        c.user()
                                                .map(
                                                        u ->
                                                                "Basic "
                                                                        + Base64.getEncoder()
                                                                                .encodeToString(
                                                                                        (u
                                                                                                        + ":"
                                                                                                        + c.password()
                                                                                                                .orElseThrow())
                                                                                                .getBytes(
                                                                                                        StandardCharsets
                                                                                                                .UTF_8))));
        this.timeout = c.requestTimeout();
        // the server waits for unavailable shards for half our timeout, so it answers 503 per item
        // (and we resend just those) before the client gives up on the whole request
        this.bulkPath =
                "/_bulk?"
                        + FILTER
                        + "&timeout="
                        + Math.max(1, c.requestTimeout().toMillis() / 2)
                        + "ms";
    }

    /** @throws IOException when the cluster cannot be reached or the connection broke */
    Response bulk(byte[] body, boolean gzipped) throws IOException, InterruptedException {
        HttpRequest.Builder r =
                request(bulkPath, timeout)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzipped) {
            r.header("Content-Encoding", "gzip");
        }
        return send(r.build());
    }

    /** A JSON body put at {@code path}, e.g. an index template. */
    Response put(String path, String json, Duration requestTimeout)
            throws IOException, InterruptedException {
        return send(
                request(path, requestTimeout)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build());
    }

    Response get(String path, Duration requestTimeout) throws IOException, InterruptedException {
        return send(request(path, requestTimeout).GET().build());
    }

    private HttpRequest.Builder request(String path, Duration requestTimeout) {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(requestTimeout)
                        .header("Accept", "application/json");
        authorization.ifPresent(a -> r.header("Authorization", a));
        return r;
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response =
                client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.body());
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new IllegalArgumentException("ca_file: no certificate in " + caFile);
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "ca_file: cannot read a PEM certificate from " + caFile + ": " + e.getMessage(),
                    e);
        }
    }
}
