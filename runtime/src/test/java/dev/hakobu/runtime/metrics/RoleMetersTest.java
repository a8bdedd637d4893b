package dev.hakobu.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.runtime.Version;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class RoleMetersTest {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void buildInfoNamesTheVersionJavaAndRole() {
        RoleMeters.bindTo(registry, "agent");

        assertThat(registry.scrape())
                .contains("# HELP hakobu_build_info the running build")
                .contains(
                        "hakobu_build_info{java_version=\""
                                + Runtime.version()
                                + "\",role=\"agent\",version=\""
                                + Version.current()
                                + "\"} 1\n");
    }

    @Test
    void cpuIsCountedInSecondsNotNanoseconds() {
        RoleMeters.bindTo(registry, "aggregator");

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("# TYPE process_cpu_seconds_total counter")
                .contains("# HELP process_cpu_seconds_total CPU time used by this process")
                .doesNotContain("process_cpu_time_ns");
        double seconds = registry.get(RoleMeters.PROCESS_CPU).functionCounter().count();
        // a JVM that has run these tests has used well under an hour of CPU, and some of it
        assertThat(seconds).isGreaterThan(0).isLessThan(3600);
    }
}
