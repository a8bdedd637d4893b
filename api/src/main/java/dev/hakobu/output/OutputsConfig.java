package dev.hakobu.output;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A root config that declares outputs by name (the aggregator's). Tools that read a config for its outputs
 * only, such as {@code athena-ddl}, find the root class at run time and see it through this interface, so
 * they need not compile against the role that owns it.
 */
public interface OutputsConfig {
    Map<String, OutputConfig> outputs();

    /**
     * The names of the outputs that events of {@code tag} are written to, as the root's routes decide;
     * every output unless the root routes by tag.
     */
    default List<String> outputsFor(String tag) {
        return List.copyOf(outputs().keySet());
    }

    /**
     * The state directory the root gives output {@code name} ({@code OutputContext.stateDir}), where tools
     * find what the output keeps there (athena-ddl: the Parquet schema registry); empty if the root gives
     * none.
     */
    default Optional<Path> outputStateDir(String name) {
        return Optional.empty();
    }
}
