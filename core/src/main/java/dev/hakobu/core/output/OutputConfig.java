package dev.hakobu.core.output;

/** The config of one output; {@code type:} picks the implementation. The config is the factory. */
public interface OutputConfig {
    Output build(OutputContext context);
}
