package dev.hakobu.runtime.metrics;

import com.sun.management.OperatingSystemMXBean;
import dev.hakobu.runtime.Version;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import java.lang.management.ManagementFactory;

/** The meters both roles publish: build info and CPU. See the package contract. */
public final class RoleMeters {
    public static final String BUILD_INFO = "hakobu.build.info";

    /** Shows as {@code process_cpu_seconds_total}, the name Prometheus' own clients use. */
    public static final String PROCESS_CPU = "process.cpu";

    /** Micrometer's {@link ProcessorMetrics} counts CPU in nanoseconds under this name; not published. */
    static final String PROCESS_CPU_NANOS = "process.cpu.time";

    private RoleMeters() {}

    /**
     * Registers {@code hakobu_build_info{version, java_version, role} 1}, {@code process_cpu_seconds_total}
     * and the CPU usage and load gauges of {@link ProcessorMetrics} (without its nanosecond counter).
     *
     * @param role {@code agent} or {@code aggregator}
     */
    public static void bindTo(MeterRegistry registry, String role) {
        Gauge.builder(BUILD_INFO, () -> 1)
                .description(
                        "the running build: always 1, with its version, Java and role as labels")
                .tag("version", Version.current())
                .tag("java_version", Runtime.version().toString())
                .tag("role", role)
                .strongReference(true)
                .register(registry);
        new ProcessorMetrics().bindTo(registry);
        registry.find(PROCESS_CPU_NANOS).meters().forEach(registry::remove);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            FunctionCounter.builder(PROCESS_CPU, os, o -> o.getProcessCpuTime() / 1e9)
                    .description("CPU time used by this process (all threads), in seconds")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }
}
