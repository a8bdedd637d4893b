package dev.hakobu.outputs.file;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.output.OutputConfig;
import java.util.List;

/** Registers {@code type: file} among the outputs (found through {@link java.util.ServiceLoader}). */
public final class FileConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(new TypeBinding(OutputConfig.class, "file", FileOutputConfig.class));
    }
}
