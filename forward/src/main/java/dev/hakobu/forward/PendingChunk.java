package dev.hakobu.forward;

import dev.hakobu.forward.ForwardClientConfig.Compression;
import java.util.concurrent.CompletableFuture;

/**
 * One chunk a {@link ForwardClient} owns until it is acked, and its frame. Mutable delivery fields are guarded
 * by the {@link Dispatcher}'s lock; the frames by this chunk's own monitor.
 *
 * <p>A chunk is either encoded once, by the sender, and written as it is to any node (every server uses the
 * same compression), or kept as entries and encoded for each node's compression the first time a node
 * thread writes it there (servers with different compressions; a chunk may fail over from one to another).
 */
final class PendingChunk {
    final String id;
    final CompletableFuture<Void> future = new CompletableFuture<>();
    private final Frame fixed;
    private final String tag;
    private final byte[] entries;
    private final int offset;
    private final int length;
    private final int count;
    private final Frame[] frames; // by Compression ordinal, encoded on first use; guarded by this
    Node node; // the node it goes to; null while no node is healthy
    int sentOn = -1; // generation of the connection it was last written to; -1: to be written
    long ackDue; // System.nanoTime() by which the ack is due once written
    int writers; // node threads writing its frame now (a failover can overlap a late ack from
    // the old node)
    boolean acked; // acked while still being written: the future completes when the last writer is

    // done

    /** A chunk encoded once, written as it is whatever the node's compression. */
    PendingChunk(String id, Frame frame) {
        this.id = id;
        this.fixed = frame;
        this.tag = null;
        this.entries = null;
        this.offset = 0;
        this.length = 0;
        this.count = 0;
        this.frames = null;
    }

    /**
     * A chunk encoded per node compression, from {@code entries[offset, offset + length)}, which the sender
     * leaves unchanged until {@link #future} completes.
     */
    PendingChunk(String id, String tag, byte[] entries, int offset, int length, int count) {
        this.id = id;
        this.fixed = null;
        this.tag = tag;
        this.entries = entries;
        this.offset = offset;
        this.length = length;
        this.count = count;
        this.frames = new Frame[Compression.values().length];
    }

    /** The frame to write to a node with {@code compression}; may compress, on the calling (node) thread. */
    synchronized Frame frame(Compression compression) {
        if (fixed != null) {
            return fixed;
        }
        Frame f = frames[compression.ordinal()];
        if (f == null) {
            f = FrameEncoder.encode(tag, entries, offset, length, count, id, compression);
            frames[compression.ordinal()] = f;
        }
        return f;
    }
}
