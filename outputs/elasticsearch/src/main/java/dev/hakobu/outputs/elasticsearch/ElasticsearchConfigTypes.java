package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.output.OutputConfig;
import java.util.List;

/** Registers {@code type: elasticsearch} among the outputs (found through {@link java.util.ServiceLoader}). */
public final class ElasticsearchConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(
                new TypeBinding(
                        OutputConfig.class, "elasticsearch", ElasticsearchOutputConfig.class));
    }
}
