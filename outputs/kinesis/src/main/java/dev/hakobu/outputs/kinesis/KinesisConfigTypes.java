package dev.hakobu.outputs.kinesis;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.output.OutputConfig;
import java.util.List;

/** Registers {@code type: kinesis} among the outputs (found through {@link java.util.ServiceLoader}). */
public final class KinesisConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(new TypeBinding(OutputConfig.class, "kinesis", KinesisOutputConfig.class));
    }
}
