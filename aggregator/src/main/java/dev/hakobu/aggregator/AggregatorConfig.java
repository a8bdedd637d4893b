package dev.hakobu.aggregator;

import dev.hakobu.aggregator.buffer.BufferConfig;
import dev.hakobu.aggregator.delivery.DeliveryConfig;
import dev.hakobu.aggregator.ingest.DefaultRouteConfig;
import dev.hakobu.aggregator.ingest.RouteConfig;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;
import dev.hakobu.config.Violations;
import dev.hakobu.config.WritableDirectory;
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
                @WritableDirectory
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

    /** Reports every mistake at once: a name check, and each route output that names no output. */
    public AggregatorConfig {
        Violations mistakes = new Violations();
        node.ifPresent(
                n -> {
                    if (!n.matches("[A-Za-z0-9._-]{1,64}")) {
                        mistakes.add(
                                "node",
                                "use letters, digits, '.', '_' or '-' (it becomes part of file names)");
                    }
                });
        if (outputs.isEmpty()) {
            mistakes.add("outputs", "at least one output is required");
        }
        if (routes.isEmpty()) {
            mistakes.add("routes", "at least one route is required");
        }
        for (int i = 0; i < routes.size(); i++) {
            List<String> names = routes.get(i).outputs();
            for (int j = 0; j < names.size(); j++) {
                undefined(outputs, names.get(j), "routes[" + i + "].outputs[" + j + "]", mistakes);
            }
        }
        defaultRoute.ifPresent(
                d -> {
                    for (int j = 0; j < d.outputs().size(); j++) {
                        undefined(
                                outputs,
                                d.outputs().get(j),
                                "default_route.outputs[" + j + "]",
                                mistakes);
                    }
                });
        mistakes.throwIfAny();
    }

    private static void undefined(
            Map<String, OutputConfig> outputs, String name, String path, Violations mistakes) {
        if (!outputs.containsKey(name)) {
            mistakes.add(
                    path,
                    "names output '"
                            + name
                            + "', which is not defined; defined: "
                            + outputs.keySet());
        }
    }

    /** The outputs the routes (or the default route) send {@code tag} to, in route order. */
    @Override
    public List<String> outputsFor(String tag) {
        return Routing.of(this, (mask, outputs) -> outputs).targets(tag);
    }

    /** {@code <state_dir>/outputs/<name>}, as the aggregator gives each output. */
    @Override
    public Optional<Path> outputStateDir(String name) {
        return Optional.of(stateDir.resolve("outputs").resolve(name));
    }

    /** The buffer folder: {@code buffer.dir}, else {@code <state_dir>/buffer}. */
    public Path bufferDir() {
        return buffer.dir().orElse(stateDir.resolve("buffer"));
    }
}
