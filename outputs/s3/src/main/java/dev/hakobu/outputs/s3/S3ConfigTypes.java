package dev.hakobu.outputs.s3;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.output.OutputConfig;
import java.util.List;

/** Registers {@code type: s3} among the outputs (found through {@link java.util.ServiceLoader}). */
public final class S3ConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(new TypeBinding(OutputConfig.class, "s3", S3OutputConfig.class));
    }
}
