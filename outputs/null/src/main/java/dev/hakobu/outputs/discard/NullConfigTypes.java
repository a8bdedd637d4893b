package dev.hakobu.outputs.discard;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.output.OutputConfig;
import java.util.List;

/** Registers {@code type: null} among the outputs (found through {@link java.util.ServiceLoader}). */
public final class NullConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(new TypeBinding(OutputConfig.class, "null", NullOutputConfig.class));
    }
}
