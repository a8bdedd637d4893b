package dev.hakobu.agent;

import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.agent.tail.TailSourceConfig;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.WritableDirectory;
import dev.hakobu.forward.ForwardClientConfig;
import dev.hakobu.runtime.RoleConfig;
import dev.hakobu.runtime.http.HttpConfig;
import java.nio.file.Path;
import java.util.List;

@Doc("An agent: tails files on this host and forwards them to aggregators.")
public record AgentConfig(
        @Doc("Where positions are kept; must survive restarts.")
                @Default("/var/lib/hakobu/agent")
                @WritableDirectory
                Path stateDir,
        @Doc("Files to tail.") List<TailSourceConfig> sources,
        @Doc("Where chunks go.") ForwardClientConfig forward,
        @Doc("How lines are grouped into chunks.") BatchConfig batch,
        @Doc(
                        "The HTTP endpoints (/metrics, /health, /ready, /api/status); off by default, loopback"
                                + " and port 24232 when on (the aggregator's is 24231).")
                @Default("{enabled: false}")
                HttpConfig http)
        implements RoleConfig {

    public AgentConfig {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: at least one source is required");
        }
        http = http.withDefaultPort(HttpConfig.AGENT_PORT);
    }
}
