package dev.hakobu.output;

/** The config of one output; {@code type:} picks the implementation. The config is the factory. */
public interface OutputConfig {
    Output build(OutputContext context);

    /** How this output's buffer groups events into chunks; by tag unless the output's keys depend on event time. */
    default Partitioner partitioner() {
        return Partitioner.BY_TAG;
    }
}
