package dev.hakobu.runtime.http;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;

@Doc("The HTTP endpoints: /metrics, /health, /ready, /api/status.")
public record HttpConfig(
        @Doc("Serve the endpoints at all.") @Default("true") boolean enabled,
        @Doc("Address to bind; keep agents on loopback.") @Default("127.0.0.1") String bind,
        @Doc("Port; 0 picks a free one.") @Default("24231") @Range(min = 0, max = 65535) int port) {

    public static HttpConfig disabled() {
        return new HttpConfig(false, "127.0.0.1", 0);
    }
}
