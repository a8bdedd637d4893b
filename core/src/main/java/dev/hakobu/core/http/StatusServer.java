package dev.hakobu.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** See the package contract. {@link #close()} is idempotent. */
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    private StatusServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * @param ready  true when the process should receive traffic
     * @param status what {@code /api/status} shows (maps, lists, strings, numbers, booleans)
     */
    public static StatusServer start(HttpConfig config, PrometheusMeterRegistry registry, BooleanSupplier ready,
                                     Supplier<Map<String, Object>> status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "hakobu-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/metrics", x -> send(x, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health", x -> send(x, 200, "text/plain", "ok\n"));
        server.createContext("/ready", x -> {
            boolean r = ready.getAsBoolean();
            send(x, r ? 200 : 503, "text/plain", r ? "ready\n" : "not ready\n");
        });
        server.createContext("/api/status", x -> send(x, 200, "application/json", Json.write(status.get()) + "\n"));
        server.start();
        return new StatusServer(server, threads);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void send(HttpExchange x, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
