package dev.hakobu.runtime.http;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;
import java.util.Optional;

/**
 * The HTTP endpoints. The port left out is the role's: each role's config calls {@link
 * #withDefaultPort} so that an agent and an aggregator on one machine do not collide.
 */
@Doc("The HTTP endpoints: /metrics, /health, /ready, /api/status.")
public record HttpConfig(
        @Doc("Serve the endpoints at all.") @Default("true") boolean enabled,
        @Doc("Address to bind; keep agents on loopback.") @Default("127.0.0.1") String bind,
        @Doc("Port; 0 picks a free one. Left out: 24231 on an aggregator, 24232 on an agent.")
                @Range(min = 0, max = 65535)
                Optional<Integer> port) {

    /** The aggregator's port, and the port of any role that sets none. */
    public static final int AGGREGATOR_PORT = 24231;

    /** The agent's port: next to an aggregator's on the same machine. */
    public static final int AGENT_PORT = 24232;

    public HttpConfig {
        port = port == null ? Optional.empty() : port;
        if (port.isPresent() && (port.get() < 0 || port.get() > 65535)) {
            throw new IllegalArgumentException("port: must be between 0 and 65535");
        }
    }

    public HttpConfig(boolean enabled, String bind, int port) {
        this(enabled, bind, Optional.of(port));
    }

    public static HttpConfig disabled() {
        return new HttpConfig(false, "127.0.0.1", 0);
    }

    /** This config with {@code rolePort} where the file gives no port. */
    public HttpConfig withDefaultPort(int rolePort) {
        return port.isPresent() ? this : new HttpConfig(enabled, bind, rolePort);
    }

    /** The port to listen on: the one given, else {@link #AGGREGATOR_PORT}. */
    public int listenPort() {
        return port.orElse(AGGREGATOR_PORT);
    }
}
