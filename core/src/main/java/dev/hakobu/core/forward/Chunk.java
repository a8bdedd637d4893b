package dev.hakobu.core.forward;

import java.util.concurrent.CompletableFuture;

/** One chunk a {@link ForwardClient} owns until it is acked. Mutable fields are guarded by the {@link Dispatcher}'s lock. */
final class Chunk {
    final String id;
    final Frame frame;
    final CompletableFuture<Void> future = new CompletableFuture<>();
    Node node;       // the node it goes to; null while no node is healthy
    int sentOn = -1; // generation of the connection it was last written to; -1: to be written
    long ackDue;     // System.nanoTime() by which the ack is due once written
    int writers;     // node threads writing its frame now (a failover can overlap a late ack from the old node)
    boolean acked;   // acked while still being written: the future completes when the last writer is done

    Chunk(String id, Frame frame) {
        this.id = id;
        this.frame = frame;
    }
}
