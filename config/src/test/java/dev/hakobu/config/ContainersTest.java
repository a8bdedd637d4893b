package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainersTest {
    record Route(String match, Duration every) {}

    record Routes(List<Route> routes) {}

    record Tail(List<Path> paths, Map<String, String> labels, Optional<Duration> idle) {}

    @Test
    void errorsInDifferentListItemsAreAllReported() {
        String yaml =
                """
                routes:
                  - match: a
                    every: 1s
                  - match: b
                    every: soon
                  - every: 2s
                  - match: d
                    evry: 3s
                """;

        assertThat(Loading.plain().errors(yaml, Routes.class))
                .containsExactly(
                        "5:12 routes[1].every: 'soon' is not a duration; write for example 500ms, 5s, 1m, 2h or 1d (units: ms, s, m, h, d)",
                        "6:5 routes[2].match: required",
                        "7:5 routes[3].every: required",
                        "8:5 routes[3].evry: unknown key 'evry'; did you mean 'every'? (known: match, every)");
    }

    @Test
    void aSingleScalarIsAcceptedWhereAListIsExpected() throws Exception {
        Tail tail = Loading.plain().load("paths: /var/log/app.log", Tail.class);

        assertThat(tail.paths()).containsExactly(Path.of("/var/log/app.log"));
    }

    @Test
    void mapsKeepTheOrderOfTheFileAndCannotBeChanged() throws Exception {
        Tail tail = Loading.plain().load("labels:\n  zone: a\n  app: b\n  env: c\n", Tail.class);

        assertThat(tail.labels())
                .containsExactly(
                        Map.entry("zone", "a"), Map.entry("app", "b"), Map.entry("env", "c"));
        assertThat(tail.labels().getClass().getName()).contains("Unmodifiable");
    }

    @Test
    void absentContainersAreEmpty() throws Exception {
        Tail tail = Loading.plain().load("", Tail.class);

        assertThat(tail.paths()).isEmpty();
        assertThat(tail.labels()).isEmpty();
        assertThat(tail.idle()).isEmpty();
    }

    @Test
    void anOptionalHoldsTheValueWhenPresent() throws Exception {
        assertThat(Loading.plain().load("idle: 5m", Tail.class).idle())
                .contains(Duration.ofMinutes(5));
    }

    @Test
    void aWrongKindOfNodeSaysWhatWasExpectedAndFound() {
        assertThat(Loading.plain().errors("paths: {a: 1}\nlabels: [x]\n", Tail.class))
                .containsExactly(
                        "1:8 paths: expected a list, found a mapping",
                        "2:9 labels: expected a mapping, found a sequence");
        assertThat(Loading.plain().errors("routes: [oops]", Routes.class))
                .containsExactly("1:10 routes[0]: expected a mapping, found 'oops'");
    }

    @Test
    void anEmptyListItemIsAnError() {
        assertThat(Loading.plain().errors("paths:\n  - /a\n  -\n", Tail.class))
                .containsExactly("3:4 paths[1]: expected a path, found nothing");
    }
}
