package dev.hakobu.outputs.discard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.output.WriteResult;
import dev.hakobu.testing.TestChunks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NullOutputTest {
    record Outputs(Map<String, OutputConfig> outputs) {}

    private static Output output() {
        return new NullOutputConfig().build(new OutputContext("nowhere", "n1", Clock.systemUTC()));
    }

    @Test
    void typeNullInAConfigBindsThroughTheServiceLoader() throws Exception {
        Outputs o =
                ConfigLoader.fromClasspath()
                        .load("a.yaml", "outputs:\n  nowhere:\n    type: null\n", Outputs.class);

        assertThat(o.outputs().get("nowhere")).isEqualTo(new NullOutputConfig());
    }

    @Test
    void everyChunkIsDeliveredAndItsRecordsCountedAsInAndDelivered() {
        try (Output out = output()) {
            assertThat(
                            out.write(
                                    TestChunks.at(
                                            "c1",
                                            "app",
                                            "2020-08-14T10:00:00Z",
                                            "2020-08-14T10:00:01Z")))
                    .isEqualTo(WriteResult.DELIVERED);
            assertThat(out.write(TestChunks.at("c2", "app", "2020-08-14T10:00:02Z")))
                    .isEqualTo(WriteResult.DELIVERED);

            OutputCounters c = out.counters().orElseThrow();
            assertThat(c.recordsIn.sum()).isEqualTo(3);
            assertThat(c.recordsDelivered.sum()).isEqualTo(3);
            assertThat(c.requests.sum()).isZero();
            assertThat(c.bytesOut.sum()).isZero();
        }
    }

    @Test
    void itSaysItDiscardsIsAlwaysUpAndPublishesUnderTheOutputMetricNames() {
        try (Output out = output()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            out.counters().orElseThrow().bindTo(registry, "nowhere");
            out.write(TestChunks.at("c1", "app", "2020-08-14T10:00:00Z"));

            assertThat(out.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.DISCARDED);
            assertThat(out.health().up()).isTrue();
            assertThat(
                            registry.get("hakobu.output.records.in")
                                    .tag("output", "nowhere")
                                    .functionCounter()
                                    .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        Output out = output();
        out.close();
        out.close();
    }
}
