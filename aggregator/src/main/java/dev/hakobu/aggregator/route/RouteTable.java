package dev.hakobu.aggregator.route;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes in order: the first route whose pattern matches a tag decides, unless it says
 * {@code continue}, in which case later routes are tried too. A tag no route matches gets the
 * {@code fallback} targets (possibly none: the caller counts such events, it never drops them silently).
 * Results are cached per tag (tags are few); thread-safe.
 *
 * @param <T> what a route sends to (output names, usually)
 */
public final class RouteTable<T> {
    /** One line of the table. */
    public record Route<T>(TagPattern match, List<T> targets, boolean continueMatching) {}

    private final List<Route<T>> routes;
    private final List<T> fallback;
    private final Map<String, List<T>> cache = new ConcurrentHashMap<>();

    public RouteTable(List<Route<T>> routes, List<T> fallback) {
        this.routes = List.copyOf(routes);
        this.fallback = List.copyOf(fallback);
    }

    /** The distinct targets for a tag, in route order; the fallback when nothing matched. */
    public List<T> targets(String tag) {
        List<T> cached = cache.get(tag);
        if (cached != null) {
            return cached;
        }
        Set<T> found = new LinkedHashSet<>();
        boolean matched = false;
        for (Route<T> r : routes) {
            if (r.match().matches(tag)) {
                matched = true;
                found.addAll(r.targets());
                if (!r.continueMatching()) {
                    break;
                }
            }
        }
        List<T> result = matched ? List.copyOf(new ArrayList<>(found)) : fallback;
        if (cache.size() < 10_000) {
            cache.put(tag, result);
        }
        return result;
    }

    /** True when {@code tag} matched a route (as opposed to falling back). */
    public boolean routes(String tag) {
        for (Route<T> r : routes) {
            if (r.match().matches(tag)) {
                return true;
            }
        }
        return false;
    }
}
