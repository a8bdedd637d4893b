package dev.hakobu.output;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What an output gets from the process that runs it.
 *
 * @param name          the output's name in the config (for metrics and logs)
 * @param node          this aggregator's node name, unique in the cluster (part of every key)
 * @param deadLetterDir where the output writes the single records a sink refused for good while it
 *                      delivered the rest of their chunk (for example Elasticsearch mapping errors); the
 *                      output creates it on first use. The aggregator passes {@code <buffer dir>/<name>/dead-letter/records}.
 * @param stateDir      where the output may keep durable state of its own (the S3 output's pending Redshift
 *                      manifests); created on first use. The aggregator passes {@code <state_dir>/outputs/<name>}.
 */
public record OutputContext(
        String name, String node, Clock clock, Path deadLetterDir, Path stateDir) {

    /** Dead letters under {@code dead-letter/<name>} in the working directory: for tools and tests. */
    public OutputContext(String name, String node, Clock clock) {
        this(name, node, clock, Path.of("dead-letter", name));
    }

    /** State under {@code state/<name>} in the working directory: for tools and tests. */
    public OutputContext(String name, String node, Clock clock, Path deadLetterDir) {
        this(name, node, clock, deadLetterDir, Path.of("state", name));
    }
}
