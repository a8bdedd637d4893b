package dev.hakobu.outputs.discard;

import dev.hakobu.config.Doc;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputContext;

@Doc(
        "Counts records and drops them, like Fluentd's out_null: for measuring the aggregator without a sink. Nothing is stored.")
public record NullOutputConfig() implements OutputConfig {

    @Override
    public Output build(OutputContext context) {
        return new NullOutput();
    }
}
