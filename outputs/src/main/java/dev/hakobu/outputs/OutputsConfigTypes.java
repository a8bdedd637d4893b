package dev.hakobu.outputs;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.core.output.OutputConfig;
import dev.hakobu.outputs.elasticsearch.ElasticsearchOutputConfig;
import dev.hakobu.outputs.file.FileOutputConfig;
import dev.hakobu.outputs.kinesis.KinesisOutputConfig;
import dev.hakobu.outputs.s3.S3OutputConfig;
import java.util.List;

/** The output types this module contributes. */
public final class OutputsConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(
                new TypeBinding(OutputConfig.class, "file", FileOutputConfig.class),
                new TypeBinding(OutputConfig.class, "s3", S3OutputConfig.class),
                new TypeBinding(OutputConfig.class, "elasticsearch", ElasticsearchOutputConfig.class),
                new TypeBinding(OutputConfig.class, "kinesis", KinesisOutputConfig.class));
    }
}
