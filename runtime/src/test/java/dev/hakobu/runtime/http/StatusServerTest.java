package dev.hakobu.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final List<Socket> sockets = new ArrayList<>();
    private StatusServer server;

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private StatusServer start(Duration requestTimeout, int maxConnections) throws IOException {
        registry.counter("hakobu.test.events").increment(3);
        server =
                StatusServer.start(
                        new HttpConfig(true, "127.0.0.1", 0),
                        new StatusEndpoints(
                                registry,
                                ready::get,
                                () ->
                                        Map.of(
                                                "role",
                                                "test",
                                                "not_ready_because",
                                                List.of("out: buffer above 80 %"))),
                        requestTimeout,
                        maxConnections);
        return server;
    }

    @Test
    void everyEndpointAnswersAndReadinessFollowsTheSupplier() throws Exception {
        start(Duration.ofSeconds(10), 64);
        assertThat(get("/health").body()).isEqualTo("ok\n");
        assertThat(get("/metrics").body()).contains("hakobu_test_events_total 3.0");
        assertThat(get("/api/status").body()).contains("\"role\"").contains("\"test\"");
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        ready.set(false);
        assertThat(get("/ready").statusCode()).isEqualTo(503);
        assertThat(get("/ready").body()).isEqualTo("not ready\nout: buffer above 80 %\n");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void clientsSendingHeadersAByteAtATimeNeitherBlockOthersNorStayPastTheDeadline()
            throws Exception {
        start(Duration.ofSeconds(1), 64);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(open());
        }
        byte[] header =
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            for (Socket s : slow) {
                trySend(s, header[i]);
            }
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            Thread.sleep(100);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        for (Socket s : slow) {
            assertThat(closedByServerWithin(s, Duration.ofSeconds(5)))
                    .as("a slow client is cut off at the deadline")
                    .isTrue();
        }
    }

    @Test
    void pastTheLimitABusyServerClosesNewConnectionsWhileTheOthersAreServed() throws Exception {
        start(Duration.ofSeconds(60), 4);
        for (int i = 0; i < 4; i++) {
            trySend(open(), (byte) 'G'); // each has begun a request: none is idle
        }
        // no sleeps: wait (bounded) until the event loop has read a byte from each of the four
        awaitUntil(() -> server.busyConnections() == 4);
        Socket extra = open();
        assertThat(closedByServerWithin(extra, Duration.ofSeconds(30))).isTrue();
        assertThat(server.openConnections()).isEqualTo(4);
        sockets.get(0).close();
        awaitUntil(() -> server.openConnections() == 3); // the loop noticed the close
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aClientThatOpensANewConnectionForEveryScrapeIsServedPastTheLimit() throws Exception {
        start(Duration.ofSeconds(10), 4);
        for (int i = 0; i < 50; i++) {
            // a new client each time, as the careless scraper does: its kept-alive connections pile
            // up idle
            assertThat(get("/health").statusCode()).as("scrape %d", i).isEqualTo(200);
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", server.address().getPort());
        sockets.add(s);
        return s;
    }

    private static void trySend(Socket s, byte b) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(b);
            out.flush();
        } catch (IOException closedAlready) {
            // the deadline may already have cut this client off
        }
    }

    private static boolean closedByServerWithin(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        InputStream in = s.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
