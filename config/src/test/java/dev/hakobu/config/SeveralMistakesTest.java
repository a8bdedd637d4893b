package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A constructor that finds several mistakes reports each at the value it is about. */
class SeveralMistakesTest {
    record Route(String match, List<String> outputs) {}

    record Pipeline(Map<String, String> outputs, List<Route> routes) {
        Pipeline {
            Violations mistakes = new Violations();
            for (int i = 0; i < routes.size(); i++) {
                for (int j = 0; j < routes.get(i).outputs().size(); j++) {
                    String name = routes.get(i).outputs().get(j);
                    if (!outputs.containsKey(name)) {
                        mistakes.add(
                                "routes[" + i + "].outputs[" + j + "]",
                                "names output '" + name + "', which is not defined");
                    }
                }
            }
            if (routes.size() > 2) {
                mistakes.add("routes[7]", "a path past the end points at the deepest node found");
            }
            mistakes.throwIfAny();
        }
    }

    @Test
    void everyViolationIsAnErrorAtItsOwnLineAndColumn() {
        String yaml =
                """
                outputs: {a: x}
                routes:
                  - match: one
                    outputs: [a, b]
                  - match: two
                    outputs:
                      - c
                  - {match: three, outputs: [d]}
                """;

        assertThat(Loading.plain().errors(yaml, Pipeline.class))
                .containsExactly(
                        "3:3 routes[7]: a path past the end points at the deepest node found",
                        "4:18 routes[0].outputs[1]: names output 'b', which is not defined",
                        "7:9 routes[1].outputs[0]: names output 'c', which is not defined",
                        "8:30 routes[2].outputs[0]: names output 'd', which is not defined");
    }

    @Test
    void withoutViolationsTheRecordIsBuilt() throws ConfigException {
        Pipeline p =
                Loading.plain()
                        .load(
                                "outputs: {a: x}\nroutes: [{match: m, outputs: [a]}]",
                                Pipeline.class);
        assertThat(p.routes()).containsExactly(new Route("m", List.of("a")));
    }
}
