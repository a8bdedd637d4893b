package dev.hakobu.aggregator;

import dev.hakobu.aggregator.ingest.RouteConfig;
import dev.hakobu.aggregator.route.RouteTable;
import dev.hakobu.aggregator.route.TagPattern;
import dev.hakobu.mask.MaskRuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The route table an aggregator config describes: its routes in order, then the default route for tags
 * none matches. What a route leads to is the caller's: the running aggregator wants each route's outputs
 * with its masker, {@code athena-ddl} only the output names.
 */
final class Routing {
    private Routing() {}

    /**
     * @param targets a route's (or the default route's) own mask rules and output names -> what it leads to
     */
    static <T> RouteTable<T> of(
            AggregatorConfig config,
            BiFunction<List<MaskRuleConfig>, List<String>, List<T>> targets) {
        List<RouteTable.Route<T>> routes = new ArrayList<>();
        for (RouteConfig r : config.routes()) {
            routes.add(
                    new RouteTable.Route<>(
                            TagPattern.compile(r.match()),
                            targets.apply(r.mask(), r.outputs()),
                            r.continueMatching()));
        }
        List<T> fallback =
                config.defaultRoute()
                        .map(d -> targets.apply(d.mask(), d.outputs()))
                        .orElse(List.of());
        return new RouteTable<>(routes, fallback);
    }
}
