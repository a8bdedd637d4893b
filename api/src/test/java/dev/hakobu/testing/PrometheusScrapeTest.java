package dev.hakobu.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {
    private static final String TEXT =
            """
            # HELP hakobu_a_total counts a
            # TYPE hakobu_a_total counter
            hakobu_a_total{output="x",kind="q\\"uote"} 3.0
            hakobu_a_total{output="y",kind="k"} 4.0
            # HELP hakobu_write_duration_seconds \s
            # TYPE hakobu_write_duration_seconds summary
            hakobu_write_duration_seconds{quantile="0.99"} 0.5
            # HELP hakobu_cpu_time_ns_total cpu
            # TYPE hakobu_cpu_time_ns_total counter
            hakobu_cpu_time_ns_total 12.0
            # HELP hakobu_ack_latency_seconds acks
            # TYPE hakobu_ack_latency_seconds histogram
            hakobu_ack_latency_seconds_bucket{le="0.005"} 1
            hakobu_ack_latency_seconds_bucket{le="+Inf"} 2
            # HELP hakobu_used gauge without unit
            # TYPE hakobu_used gauge
            hakobu_used 1
            # HELP jvm_gc_pause_seconds not ours
            # TYPE jvm_gc_pause_seconds summary
            jvm_gc_pause_seconds_count 1
            """;

    @Test
    void samplesAreReadWithTheirLabelsUnescaped() {
        PrometheusScrape s = new PrometheusScrape(TEXT);

        assertThat(s.value("hakobu_a_total", Map.of("output", "x", "kind", "q\"uote")))
                .isEqualTo(3.0);
        assertThat(s.sum("hakobu_a_total", Map.of())).isEqualTo(7.0);
        assertThat(s.value("hakobu_ack_latency_seconds_bucket", Map.of("le", "+Inf")))
                .isEqualTo(2.0);
        assertThat(s.families().get("hakobu_ack_latency_seconds").type()).isEqualTo("histogram");
        assertThat(s.sampleNames()).contains("hakobu_ack_latency_seconds_bucket", "hakobu_used");
    }

    @Test
    void violationsNameEveryBrokenRuleOfTheFamiliesWithThePrefix() {
        assertThat(new PrometheusScrape(TEXT).violations("hakobu_"))
                .containsExactly(
                        "hakobu_write_duration_seconds: no HELP text",
                        "hakobu_write_duration_seconds: a summary (cannot be aggregated across"
                                + " nodes)",
                        "hakobu_write_duration_seconds: a duration that is a summary, not a"
                                + " histogram",
                        "hakobu_cpu_time_ns_total: a duration not in seconds",
                        "hakobu_cpu_time_ns_total: a unit that is not a base unit (seconds,"
                                + " bytes)");
    }
}
