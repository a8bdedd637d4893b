package dev.hakobu.aggregator.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static RouteTable.Route<String> route(String pattern, boolean cont, String... targets) {
        return new RouteTable.Route<>(TagPattern.compile(pattern), List.of(targets), cont);
    }

    @Test
    void theFirstMatchingRouteDecides() {
        RouteTable<String> table =
                new RouteTable<>(
                        List.of(route("app.access", false, "s3"), route("app.**", false, "file")),
                        List.of());
        assertThat(table.targets("app.access")).containsExactly("s3");
        assertThat(table.targets("app.error")).containsExactly("file");
    }

    @Test
    void continueFallsThroughAndCollectsDistinctTargets() {
        RouteTable<String> table =
                new RouteTable<>(
                        List.of(
                                route("app.**", true, "s3"),
                                route("app.access", false, "es", "s3"),
                                route("**", false, "never")),
                        List.of());
        assertThat(table.targets("app.access")).containsExactly("s3", "es");
    }

    @Test
    void unmatchedTagsGetTheFallback() {
        RouteTable<String> table =
                new RouteTable<>(List.of(route("app.**", false, "s3")), List.of("unrouted"));
        assertThat(table.targets("web.access")).containsExactly("unrouted");
        assertThat(table.routes("web.access")).isFalse();
        assertThat(table.routes("app.x")).isTrue();
    }
}
