package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.OutputContext;
import dev.hakobu.outputs.conformance.Throughput;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Events/s into each local node through one writer; on demand only (-Dhakobu.throughput=true). */
@EnabledIfSystemProperty(named = "hakobu.throughput", matches = "true")
class SearchThroughputTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(SearchServer.Kind.class)
    void bulkIntoADailyIndex(SearchServer.Kind kind) throws Exception {
        try (SearchServer server = SearchServer.start(kind)) {
            server.send(
                    "PUT",
                    "/_index_template/bench",
                    "{\"index_patterns\":[\"bench-*\"],\"template\":{\"settings\":"
                            + "{\"number_of_replicas\":0,\"refresh_interval\":\"5s\"}}}");
            try (var out =
                    AbstractSearchOutputTest.config(server.url(), "bench-%Y.%m.%d")
                            .build(new OutputContext("bench", "n1", Clock.systemUTC(), dir))) {
                assertThat(
                                Throughput.measure(
                                        kind.name().toLowerCase(),
                                        out,
                                        40,
                                        5000,
                                        i -> "bench-" + i))
                        .as("events/s, every chunk Delivered")
                        .isPositive();
            }
        }
    }
}
