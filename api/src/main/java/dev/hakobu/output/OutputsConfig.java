package dev.hakobu.output;

import java.util.Map;

/**
 * A root config that declares outputs by name (the aggregator's). Tools that read a config for its outputs
 * only, such as {@code athena-ddl}, find the root class at run time and see it through this interface, so
 * they need not compile against the role that owns it.
 */
public interface OutputsConfig {
    Map<String, OutputConfig> outputs();
}
