package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.AgentConfig;
import dev.hakobu.aggregator.AggregatorConfig;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeRegistry;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.outputs.file.FileOutputConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each package's shipped config, read by the project's own {@link ConfigLoader} with the environment
 * its unit gives it (Environment=, then the EnvironmentFile= postinst creates), writes only inside the
 * folders that unit may write under {@code ProtectSystem=strict}: {@code /var/lib/<StateDirectory>} and
 * {@code ReadWritePaths=}. Anything else starts, reports ready, and then fails every write.
 */
class UnitWritePathsIT {
    @TempDir Path root;
    @TempDir Path work;

    @Test
    void everyFolderTheAggregatorConfigWritesIsInsideItsUnitsWritablePaths() throws Exception {
        SystemdUnit unit = installed("aggregator");
        AggregatorConfig config = load(unit, AggregatorConfig.class);

        Map<String, Path> writes = new LinkedHashMap<>();
        writes.put("state_dir", config.stateDir());
        for (Map.Entry<String, OutputConfig> e : config.outputs().entrySet()) {
            String name = e.getKey();
            // where the aggregator puts each output's buffer, dead letters and state (Aggregator's
            // constructor)
            writes.put("buffer of " + name, config.bufferDir().resolve(name));
            writes.put(
                    "dead letters of " + name,
                    config.bufferDir().resolve(name).resolve("dead-letter"));
            writes.put("state of " + name, config.stateDir().resolve("outputs").resolve(name));
            if (e.getValue() instanceof FileOutputConfig file) {
                writes.put("outputs." + name + ".root", file.root());
            }
        }
        Map<String, Path> resolved = resolve(unit, writes);

        assertInside(resolved, unit.writablePaths());
        assertThat(resolved)
                .containsExactlyEntriesOf(
                        orderedMap(
                                "state_dir", "/var/lib/hakobu/aggregator",
                                "buffer of local", "/var/lib/hakobu/aggregator/buffer/local",
                                "dead letters of local",
                                        "/var/lib/hakobu/aggregator/buffer/local/dead-letter",
                                "state of local", "/var/lib/hakobu/aggregator/outputs/local",
                                "outputs.local.root", "/var/lib/hakobu/aggregator/out"));
    }

    @Test
    void theAgentConfigWritesOnlyItsStateDirWhichIsTheUnitsStateDirectory() throws Exception {
        SystemdUnit unit = installed("agent");
        AgentConfig config = load(unit, AgentConfig.class);

        Map<String, Path> resolved = resolve(unit, Map.of("state_dir", config.stateDir()));

        assertInside(resolved, unit.writablePaths());
        assertThat(resolved)
                .containsExactlyEntriesOf(Map.of("state_dir", Path.of("/var/lib/hakobu/agent")));
        assertThat(unit.values("EnvironmentFile")).containsExactly("-/etc/default/hakobu-agent");
    }

    private SystemdUnit installed(String role) throws Exception {
        new ScratchRoot(root, work).install(role);
        return SystemdUnit.read(root.resolve("lib/systemd/system/hakobu-" + role + ".service"));
    }

    /** The config file ExecStart= names, as found in the scratch root, with the unit's environment only. */
    private <T extends Record> T load(SystemdUnit unit, Class<T> type) throws Exception {
        String config = unit.execStartArgument("--config");
        assertThat(config).startsWith("/etc/hakobu/");
        return new ConfigLoader(TypeRegistry.fromClasspath(), unit.environment(root))
                .load(root.resolve(config.substring(1)), type);
    }

    private static Map<String, Path> resolve(SystemdUnit unit, Map<String, Path> paths) {
        Map<String, Path> resolved = new LinkedHashMap<>();
        paths.forEach((k, v) -> resolved.put(k, unit.workingDirectory().resolve(v).normalize()));
        return resolved;
    }

    private static void assertInside(Map<String, Path> writes, List<Path> writable) {
        assertThat(writable).as("the unit's writable folders").isNotEmpty();
        writes.forEach(
                (what, path) ->
                        assertThat(writable)
                                .as(what + " = " + path + " must be inside one of " + writable)
                                .anyMatch(path::startsWith));
    }

    private static Map<String, Path> orderedMap(String... keysAndPaths) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndPaths.length; i += 2) {
            m.put(keysAndPaths[i], Path.of(keysAndPaths[i + 1]));
        }
        return m;
    }
}
