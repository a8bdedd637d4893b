package dev.hakobu.core.forward;

import java.util.concurrent.CompletableFuture;

/** One chunk a {@link ForwardClient} owns until it is acked. Mutable fields are guarded by the {@link Dispatcher}'s lock. */
final class Chunk {
    final String id;
    final byte[] frame;
    final CompletableFuture<Void> future = new CompletableFuture<>();
    Node node;       // the node it goes to; null while no node is healthy
    int sentOn = -1; // generation of the connection it was last written to; -1: to be written
    long ackDue;     // System.nanoTime() by which the ack is due once written

    Chunk(String id, byte[] frame) {
        this.id = id;
        this.frame = frame;
    }
}
