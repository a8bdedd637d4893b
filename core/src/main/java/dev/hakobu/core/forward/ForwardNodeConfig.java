package dev.hakobu.core.forward;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;
import java.util.Objects;

/** One aggregator a {@link ForwardClient} may send to; weights and standby as in Fluentd's out_forward. */
@Doc("An aggregator the agent forwards to")
public record ForwardNodeConfig(
        @Doc("host name or address") String host,
        @Doc("TCP port") @Default("24224") @Range(min = 1, max = 65535) int port,
        @Doc("share of the chunks this node gets among the healthy regular nodes") @Default("60")
        @Range(min = 1, max = 1_000_000) int weight,
        @Doc("used only while no regular node is healthy") @Default("false") boolean standby) {

    public ForwardNodeConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not a TCP port (1 to 65535)");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight: must be at least 1");
        }
    }

    /** A regular node with Fluentd's default weight, 60. */
    public static ForwardNodeConfig of(String host, int port) {
        return new ForwardNodeConfig(host, port, 60, false);
    }

    @Override
    public String toString() {
        return host + ":" + port + (standby ? " (standby)" : "");
    }
}
