package dev.hakobu.aggregator;

import dev.hakobu.aggregator.buffer.BufferConfig;
import dev.hakobu.aggregator.delivery.DeliveryConfig;
import dev.hakobu.aggregator.ingest.DefaultRouteConfig;
import dev.hakobu.aggregator.ingest.RouteConfig;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;
import dev.hakobu.forward.ForwardServerConfig;
import dev.hakobu.mask.MaskRuleConfig;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputsConfig;
import dev.hakobu.runtime.RoleConfig;
import dev.hakobu.runtime.http.HttpConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Doc("An aggregator: receives forward traffic, routes it by tag, and writes it to outputs.")
public record AggregatorConfig(
        @Doc(
                        "This node's name, unique in the cluster; part of every object key. Default: the host name.")
                Optional<String> node,
        @Doc(
                        "Where this node keeps its state (buffers, unless buffer.dir says otherwise, and remembered chunk ids); must survive restarts.")
                @Default("/var/lib/hakobu/aggregator")
                Path stateDir,
        @Doc("The Forward-protocol listener.") ForwardServerConfig listen,
        @Doc("Named outputs; type: picks the sink.") Map<String, OutputConfig> outputs,
        @Doc("Routes, tried in order.") List<RouteConfig> routes,
        @Doc(
                        "Events whose tag matches no route go here (counted); without it they are counted, logged and not stored.")
                Optional<DefaultRouteConfig> defaultRoute,
        @Doc(
                        "Masking rules for every event, whichever route or default_route takes it, applied before that route's own "
                                + "rules: a secret is masked even where a route forgot it.")
                List<MaskRuleConfig> mask,
        @Doc("Threads that mask and append incoming chunks to the buffers.")
                @Default("2")
                @Range(min = 1, max = 256)
                int workers,
        @Doc("The disk buffer in front of each output.") BufferConfig buffer,
        @Doc("How buffered chunks are written to the outputs.") DeliveryConfig delivery,
        @Doc("The HTTP endpoints (/metrics, /health, /ready, /api/status).") HttpConfig http)
        implements RoleConfig, OutputsConfig {

    public AggregatorConfig {
        node.ifPresent(
                n -> {
                    if (!n.matches("[A-Za-z0-9._-]{1,64}")) {
                        throw new IllegalArgumentException(
                                "node: use letters, digits, '.', '_' or '-' (it becomes part of file names)");
                    }
                });
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs: at least one output is required");
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("routes: at least one route is required");
        }
        defaultRoute.ifPresent(
                d ->
                        d.outputs()
                                .forEach(
                                        name -> {
                                            if (!outputs.containsKey(name)) {
                                                throw new IllegalArgumentException(
                                                        "default_route: names output '"
                                                                + name
                                                                + "', which is not defined; defined: "
                                                                + outputs.keySet());
                                            }
                                        }));
        for (int i = 0; i < routes.size(); i++) {
            for (String name : routes.get(i).outputs()) {
                if (!outputs.containsKey(name)) {
                    throw new IllegalArgumentException(
                            "routes: route "
                                    + i
                                    + " names output '"
                                    + name
                                    + "', which is not defined; defined: "
                                    + outputs.keySet());
                }
            }
        }
    }

    /** The buffer folder: {@code buffer.dir}, else {@code <state_dir>/buffer}. */
    public Path bufferDir() {
        return buffer.dir().orElse(stateDir.resolve("buffer"));
    }
}
