package dev.hakobu.forward;

import dev.hakobu.forward.ForwardClientConfig.Compression;
import java.io.IOException;
import java.util.List;

/**
 * One aggregator of a {@link ForwardClient} and the thread that talks to it. The thread connects (TCP, TLS,
 * handshake) when chunks are assigned to this node, or when a probe is due while the node is down; then
 * writes the chunks assigned to it until the connection is gone. Acks arrive on the connection's reader
 * thread ({@link ClientConnection}), which reports them here.
 *
 * <p>Health fields are guarded by the {@link Dispatcher}'s lock: a node starts up; a failed connect, a
 * broken connection with chunks on it, or a missed ack deadline marks it down until a probe connects again.
 */
final class Node implements ClientConnection.Listener {
    final ForwardNodeConfig config;

    /** What chunks are written to this node with now; AUTO starts as ZSTD (see {@link #zstdRefused}). */
    volatile Compression compression;

    /** Configured AUTO: may fall back from ZSTD to GZIP. */
    final boolean auto;

    private final Dispatcher dispatcher;
    private final Thread thread;
    final CompressedCloseWarning closeWarning =
            new CompressedCloseWarning(); // guarded by the dispatcher's lock

    // guarded by the dispatcher's lock
    boolean up = true;
    int failures; // consecutive failures without an ack; drives the probe backoff
    long probeAt; // System.nanoTime() of the next probe while down
    int generation; // of the newest connection
    boolean everAcked; // an ack arrived from this node (so it takes the compression it got)
    int zstdRefusals; // AUTO: connections closed on unacked zstd chunks before any ack
    ClientConnection connecting; // being connected by this node's thread
    ClientConnection connection; // connected and used for writing
    String downBecause; // why it was marked down last
    String unreachableBecause; // idle: why the last probe failed; null if it connected
    boolean probed; // idle: a probe ran since the last connection

    /** @param compression what chunks are sent to this node with (AUTO: zstd, then gzip if it refuses zstd) */
    Node(ForwardNodeConfig config, Compression compression, Dispatcher dispatcher) {
        this.config = config;
        this.auto = compression == Compression.AUTO;
        this.compression = auto ? Compression.ZSTD : compression;
        this.dispatcher = dispatcher;
        this.thread =
                new Thread(this::run, "hakobu-forward-" + config.host() + ":" + config.port());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    @Override
    public void acked(ClientConnection c, String chunkId) {
        c.sawAck = true;
        dispatcher.acked(this, chunkId);
    }

    @Override
    public void tick(ClientConnection c) {
        if (dispatcher.overdue(this, c)) {
            c.close();
        }
    }

    @Override
    public void broken(ClientConnection c, Exception cause) {
        dispatcher.broken(this, c, cause.toString());
        c.close();
    }

    @Override
    public String toString() {
        return config.toString();
    }

    private void run() {
        try {
            while (true) {
                ClientConnection c = dispatcher.awaitConnect(this);
                if (c == null) {
                    return;
                }
                try {
                    c.connect();
                } catch (IOException | RuntimeException e) {
                    c.close();
                    dispatcher.connectFailed(this, c, e);
                    continue;
                }
                if (!dispatcher.connected(this, c)) {
                    c.close();
                    return;
                }
                writeAll(c);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the chunks assigned here, one {@code write} per frame, until {@code c} is replaced or broken. */
    private void writeAll(ClientConnection c) throws InterruptedException {
        while (true) {
            List<PendingChunk> batch = dispatcher.awaitBatch(this, c);
            if (batch.isEmpty()) {
                return;
            }
            IOException failed = null;
            for (PendingChunk chunk : batch) {
                try {
                    if (failed == null) {
                        c.write(chunk.frame(compression)); // may compress it for this node first
                    }
                } catch (IOException e) {
                    failed = e;
                } finally {
                    dispatcher.written(chunk); // every chunk of the batch, written or not
                }
            }
            if (failed != null) {
                broken(c, failed);
                return;
            }
        }
    }
}
