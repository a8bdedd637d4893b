package dev.hakobu.runtime.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What each path answers; no I/O here, so it is tested without a socket. */
final class StatusEndpoints {
    /** One response: status, content type and body. */
    record Answer(HttpResponseStatus status, String contentType, String body) {}

    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private final Supplier<Map<String, Object>> status;

    StatusEndpoints(
            PrometheusMeterRegistry registry,
            BooleanSupplier ready,
            Supplier<Map<String, Object>> status) {
        this.registry = registry;
        this.ready = ready;
        this.status = status;
    }

    /** The role's reasons for not being ready ({@code not_ready_because} of its status), one a line. */
    private static String reasons(Map<String, Object> status) {
        StringBuilder lines = new StringBuilder();
        if (status.get("not_ready_because") instanceof List<?> reasons) {
            reasons.forEach(r -> lines.append(r).append('\n'));
        }
        return lines.toString();
    }

    /** @param path the request path without the query string */
    Answer answer(String path) {
        return switch (path) {
            case "/metrics" ->
                    new Answer(
                            HttpResponseStatus.OK,
                            "text/plain; version=0.0.4; charset=utf-8",
                            registry.scrape());
            case "/health" -> new Answer(HttpResponseStatus.OK, "text/plain", "ok\n");
            case "/ready" ->
                    ready.getAsBoolean()
                            ? new Answer(HttpResponseStatus.OK, "text/plain", "ready\n")
                            : new Answer(
                                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                                    "text/plain",
                                    "not ready\n" + reasons(status.get()));
            case "/api/status" ->
                    new Answer(
                            HttpResponseStatus.OK,
                            "application/json",
                            Json.write(status.get()) + "\n");
            default ->
                    new Answer(
                            HttpResponseStatus.NOT_FOUND,
                            "text/plain",
                            "not found; try /metrics, /health, /ready or /api/status\n");
        };
    }
}
