package dev.hakobu.forward;

import dev.hakobu.forward.ForwardClientConfig.Compression;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clear line when a server closes the connection after a compressed chunk instead of acking it, the way
 * a receiver fails on a compression it does not know (Fluentd before 1.19 has no zstd: every chunk resets the
 * connection) or on a chunk larger than its buffer. Without it the agent logs only "connection lost" and
 * retries forever. Taken only when nothing was acked on that connection, so a server that merely crashed
 * mid-stream is not blamed on its compression. Rate-limited per node: the first time, then at most once per
 * {@value #EVERY_MINUTES} minutes, with the count since. Guarded by the {@link Dispatcher}'s lock.
 */
final class CompressedCloseWarning {
    static final int EVERY_MINUTES = 10;
    private static final Logger log = LoggerFactory.getLogger(CompressedCloseWarning.class);
    private boolean warned;
    private long warnedAt;
    private int since;

    /**
     * A connection to {@code node} was closed with a chunk written on it in {@code compression} and not acked,
     * and no ack on that connection.
     * @param now System.nanoTime()
     */
    void closed(Node node, Compression compression, String reason, long now) {
        since++;
        if (warned && now - warnedAt < TimeUnit.MINUTES.toNanos(EVERY_MINUTES)) {
            return;
        }
        String name = compression.name().toLowerCase(Locale.ROOT);
        String unsupported =
                compression == Compression.ZSTD
                        ? "may not support zstd (Fluentd < 1.19)"
                        : "may not support " + name + "-compressed chunks";
        String fix = compression == Compression.ZSTD ? "compression: gzip" : "compression: none";
        log.warn(
                "forward: {} closed the connection after a {}-compressed chunk without acking it ({}): the receiver {}"
                        + " or may drop chunks larger than its buffer (Fluent Bit Buffer_Chunk_Size); set {} / max_chunk_bytes"
                        + " for this server ({} such close{} {})",
                node,
                name,
                reason,
                unsupported,
                fix,
                since,
                since == 1 ? "" : "s",
                warned ? "in the last " + EVERY_MINUTES + " minutes" : "so far");
        warned = true;
        warnedAt = now;
        since = 0;
    }
}
