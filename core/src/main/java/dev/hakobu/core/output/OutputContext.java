package dev.hakobu.core.output;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What an output gets from the process that runs it.
 *
 * @param name          the output's name in the config (for metrics and logs)
 * @param node          this aggregator's node name, unique in the cluster (part of every key)
 * @param deadLetterDir where the output writes the single records a sink refused for good while it
 *                      delivered the rest of their chunk (for example Elasticsearch mapping errors); the
 *                      output creates it on first use. The aggregator passes {@code <state_dir>/dead-letter/<name>}.
 */
public record OutputContext(String name, String node, Clock clock, Path deadLetterDir) {

    /** Dead letters under {@code dead-letter/<name>} in the working directory: for tools and tests. */
    public OutputContext(String name, String node, Clock clock) {
        this(name, node, clock, Path.of("dead-letter", name));
    }
}
