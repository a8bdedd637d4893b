package dev.hakobu.aggregator;

import dev.hakobu.aggregator.delivery.OutputDelivery;
import dev.hakobu.aggregator.ingest.IngestPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why this aggregator should not get traffic now, for {@code /ready} (503 while the list is not empty) and
 * {@code /api/status}: a buffer above its high-water mark (80 % of total_bytes); a buffer whose last append
 * failed, or whose filesystem has less room than two chunks; an output with a dead worker; an output whose
 * last {@code 3}+ attempts all failed. A load balancer then sends elsewhere; agents with a server list fail
 * over on their own when acks stop.
 */
final class Readiness {
    private final AggregatorConfig config;
    private final Map<String, OutputDelivery> deliveries;
    private final IngestPipeline pipeline;

    Readiness(
            AggregatorConfig config,
            Map<String, OutputDelivery> deliveries,
            IngestPipeline pipeline) {
        this.config = config;
        this.deliveries = deliveries;
        this.pipeline = pipeline;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        long highWater = config.buffer().totalBytes().bytes() * 8 / 10;
        long room = 2 * config.buffer().chunkBytes().bytes();
        Map<String, String> appendFailures = pipeline.appendFailures();
        deliveries.forEach(
                (name, d) -> {
                    if (d.buffer().stats().usedBytes() >= highWater) {
                        problems.add(name + ": buffer above 80 % of total_bytes");
                    }
                    if (appendFailures.containsKey(name)) {
                        problems.add(
                                name + ": buffer cannot be written: " + appendFailures.get(name));
                    }
                    long usable = usableBytes(config.bufferDir().resolve(name));
                    if (usable >= 0 && usable < room) {
                        problems.add(
                                name
                                        + ": buffer filesystem has "
                                        + usable
                                        + " bytes free, less than two chunks");
                    }
                    if (!d.draining() && d.liveWorkers() < d.workers()) {
                        problems.add(
                                name
                                        + ": "
                                        + (d.workers() - d.liveWorkers())
                                        + " of "
                                        + d.workers()
                                        + " workers died");
                    }
                    if (d.health().failing()) {
                        problems.add(
                                name
                                        + ": the last "
                                        + d.health().failuresInARow()
                                        + " deliveries failed: "
                                        + d.health().lastError());
                    }
                });
        return problems;
    }

    /** Free bytes for an unprivileged writer on the folder's filesystem, or -1 if it cannot be read. */
    private static long usableBytes(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }
}
