package dev.hakobu.core.output;

import java.time.Clock;

/**
 * What an output gets from the process that runs it.
 *
 * @param name the output's name in the config (for metrics and logs)
 * @param node this aggregator's node name, unique in the cluster (part of every key)
 */
public record OutputContext(String name, String node, Clock clock) {
}
