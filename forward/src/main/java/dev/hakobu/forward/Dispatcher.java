package dev.hakobu.forward;

import dev.hakobu.forward.ForwardClientConfig.Compression;
import dev.hakobu.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared state of a {@link ForwardClient}: which chunks are unacked, which node each goes to, which
 * nodes are healthy. One lock guards all of it (and the {@link NodeSelector}'s random generator); callers are
 * the senders, the node threads and the connections' reader threads. Sockets are never touched under the
 * lock, except that {@link #awaitConnect} creates (not connects) a connection.
 *
 * <p>Failover: when a node fails, the chunks assigned to it are reassigned at once to another healthy node
 * (same chunk id, so the aggregators can drop a duplicate), or wait unassigned until some node is healthy;
 * the failed node is probed after a backoff and takes new chunks again once a probe connects.
 */
final class Dispatcher {
    /** AUTO: zstd refusals (closes before any ack) after which a node gets gzip. */
    static final int AUTO_REFUSALS = 2;

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed =
            lock.newCondition(); // node threads: chunks assigned, health changed, close
    private final Condition room = lock.newCondition(); // senders: an in-flight slot freed, close
    private final InFlight inFlight = new InFlight();
    private final List<Node> nodes = new ArrayList<>();
    private final ClientConnection.Settings settings;
    private final int maxInFlight;
    private final long ackTimeoutNanos;
    private final Backoff backoff;
    private NodeSelector selector;
    private boolean closed;

    Dispatcher(
            ClientConnection.Settings settings,
            int maxInFlight,
            long ackTimeoutNanos,
            Backoff backoff) {
        this.settings = settings;
        this.maxInFlight = maxInFlight;
        this.ackTimeoutNanos = ackTimeoutNanos;
        this.backoff = backoff;
    }

    /** Sets the nodes, before any is started. */
    void nodes(List<Node> all, NodeSelector selector) {
        nodes.addAll(all);
        this.selector = selector;
    }

    /**
     * Takes {@code chunk} once fewer than {@code maxInFlight} chunks are unacked, and assigns it a node.
     *
     * @return false if the client is closed (the chunk was not taken)
     * @throws IllegalArgumentException if a chunk with the same id is in flight
     */
    boolean add(PendingChunk chunk) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && inFlight.size() >= maxInFlight) {
                room.await();
            }
            if (closed) {
                return false;
            }
            if (!inFlight.add(chunk)) {
                throw new IllegalArgumentException("chunk " + chunk.id + " is already in flight");
            }
            chunk.node = selector.pick();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code node} should connect (chunks for it while up, or a probe due while down); null once closed. */
    ClientConnection awaitConnect(Node node) throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long wait =
                        node.up
                                ? (inFlight.anyOn(node) ? 0 : Long.MAX_VALUE)
                                : node.probeAt - System.nanoTime();
                if (wait <= 0) {
                    node.connecting =
                            new ClientConnection(node.config, ++node.generation, node, settings);
                    return node.connecting;
                }
                if (wait == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(wait);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** {@code node} is healthy with {@code c}; chunks waiting for a healthy node are assigned. False if closed. */
    boolean connected(Node node, ClientConnection c) {
        lock.lock();
        try {
            node.connecting = null;
            if (closed) {
                return false;
            }
            node.connection = c;
            node.probed = false; // the probe's last word is stale now
            node.unreachableBecause = null;
            if (!node.up) {
                node.up = true;
                log.info("forward: {} is healthy again", node);
            }
            for (PendingChunk chunk : inFlight.on(null)) {
                chunk.node = selector.pick();
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void connectFailed(Node node, ClientConnection c, Exception cause) {
        lock.lock();
        try {
            node.connecting = null;
            if (!closed) {
                markDown(node, "cannot connect: " + cause);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for chunks assigned to {@code node} and not yet written on {@code c}, marking them written; empty once
     * {@code c} is gone. The caller calls {@link #written} for every chunk returned, once it is done with its frame.
     */
    List<PendingChunk> awaitBatch(Node node, ClientConnection c) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && node.connection == c) {
                List<PendingChunk> batch = new ArrayList<>();
                long now = System.nanoTime();
                for (PendingChunk chunk : inFlight.all()) {
                    if (chunk.node == node && chunk.sentOn != c.generation) {
                        chunk.sentOn = c.generation;
                        chunk.ackDue = now + ackTimeoutNanos;
                        chunk.writers++;
                        batch.add(chunk);
                    }
                }
                if (!batch.isEmpty()) {
                    return batch;
                }
                changed.await();
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Completes the chunk's future, on the calling reader thread, outside the lock; or, while a node thread is
     * still writing the chunk (resent elsewhere after a failover, and then acked late by the first node), on
     * that thread once it is done: the future tells the sender its bytes are no longer read.
     */
    void acked(Node node, String chunkId) {
        PendingChunk chunk;
        boolean complete;
        lock.lock();
        try {
            node.everAcked = true;
            chunk = inFlight.remove(chunkId);
            complete = chunk != null && chunk.writers == 0;
            if (chunk != null) {
                chunk.acked = true;
                node.failures = 0;
                room.signal();
            }
        } finally {
            lock.unlock();
        }
        if (complete) {
            chunk.future.complete(null);
        }
    }

    /** A node thread is done writing {@code chunk}'s frame (see {@link #awaitBatch}). */
    void written(PendingChunk chunk) {
        boolean complete;
        lock.lock();
        try {
            complete = --chunk.writers == 0 && chunk.acked;
        } finally {
            lock.unlock();
        }
        if (complete) {
            chunk.future.complete(null);
        }
    }

    /** True if a chunk written on {@code c} missed its ack deadline; {@code node} is then down and the caller closes {@code c}. */
    boolean overdue(Node node, ClientConnection c) {
        lock.lock();
        try {
            if (node.connection != c) {
                return false;
            }
            long now = System.nanoTime();
            for (PendingChunk chunk : inFlight.all()) {
                if (chunk.node == node && chunk.sentOn == c.generation && now - chunk.ackDue > 0) {
                    node.connection = null;
                    markDown(
                            node,
                            "no ack for chunk "
                                    + chunk.id
                                    + " within "
                                    + TimeUnit.NANOSECONDS.toMillis(ackTimeoutNanos)
                                    + " ms");
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** {@code c} broke; the caller closes it. With chunks on it the node is down; an idle connection is just dropped. */
    void broken(Node node, ClientConnection c, String reason) {
        lock.lock();
        try {
            if (node.connection != c || closed) {
                return;
            }
            node.connection = null;
            if (inFlight.anyOn(node)) {
                if (node.compression != Compression.NONE && !c.sawAck && anyWrittenOn(node, c)) {
                    refusedCompressed(node, reason);
                }
                markDown(node, "connection lost: " + reason);
            } else {
                log.debug("forward: idle connection to {} closed: {}", node, reason);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock: {@code node} closed a connection holding an unacked compressed chunk before acking anything on
     * it. With AUTO, a node that never acked does so twice on zstd is taken not to know zstd (Fluentd before 1.19
     * resets the connection on every zstd chunk) and gets gzip from now on; the refused chunks are resent in gzip,
     * as every unacked chunk is. Otherwise, one clear warning.
     */
    private void refusedCompressed(Node node, String reason) {
        if (node.auto
                && node.compression == Compression.ZSTD
                && !node.everAcked
                && ++node.zstdRefusals >= AUTO_REFUSALS) {
            node.compression = Compression.GZIP;
            log.warn(
                    "forward: {} closed the connection {} times on zstd-compressed chunks without acking one ({}): it does"
                            + " not take zstd (Fluentd before 1.19 does not); sending it gzip from now on. Set compression: gzip"
                            + " for this server to skip the trial",
                    node,
                    node.zstdRefusals,
                    reason);
            return;
        }
        node.closeWarning.closed(node, node.compression, reason, System.nanoTime());
    }

    /** Under the lock: a chunk was written on {@code c} and is not acked. */
    private boolean anyWrittenOn(Node node, ClientConnection c) {
        for (PendingChunk chunk : inFlight.all()) {
            if (chunk.node == node && chunk.sentOn == c.generation) {
                return true;
            }
        }
        return false;
    }

    /** The nodes that are up with no connection open or being opened: what {@link IdleNodeProbe} checks. */
    List<Node> idleNodes() {
        lock.lock();
        try {
            return nodes.stream()
                    .filter(n -> n.up && n.connection == null && n.connecting == null)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** An idle node accepted a probe ({@code failure} null) or not; a change is logged. */
    void probed(Node node, String failure) {
        lock.lock();
        try {
            if (closed || node.connection != null || !node.up) {
                return; // what happened since says more than the probe
            }
            boolean wasReachable = !node.probed || node.unreachableBecause == null;
            node.probed = true;
            node.unreachableBecause = failure;
            if (failure != null && wasReachable) {
                log.warn(
                        "forward: {} does not accept connections ({}); it is idle, so nothing is lost yet,"
                                + " but it could not take chunks",
                        node,
                        failure);
            } else if (failure == null && !wasReachable) {
                log.info("forward: {} accepts connections again", node);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Each node's health, in configuration order (see {@link ServerStatus}). */
    List<ServerStatus> status() {
        lock.lock();
        try {
            List<ServerStatus> all = new ArrayList<>();
            for (Node n : nodes) {
                String server = n.config.host() + ":" + n.config.port();
                String state;
                boolean healthy = false;
                if (!n.up) {
                    state = "down: " + n.downBecause;
                } else if (n.connection != null) {
                    state = "connected";
                    healthy = true;
                } else if (!n.probed) {
                    state = "not probed yet";
                } else if (n.unreachableBecause != null) {
                    state = "unreachable: " + n.unreachableBecause;
                } else {
                    state = "reachable";
                    healthy = true;
                }
                all.add(new ServerStatus(server, n.config.standby(), healthy, state));
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    int healthyNodes() {
        lock.lock();
        try {
            return (int) nodes.stream().filter(n -> n.up).count();
        } finally {
            lock.unlock();
        }
    }

    /** Stops everything: returns the unacked chunks (for the caller to cancel) after closing every connection. */
    List<PendingChunk> close() {
        List<ClientConnection> open = new ArrayList<>();
        List<PendingChunk> unacked;
        lock.lock();
        try {
            if (closed) {
                return List.of();
            }
            closed = true;
            for (Node node : nodes) {
                if (node.connection != null) {
                    open.add(node.connection);
                }
                if (node.connecting != null) {
                    open.add(node.connecting);
                }
            }
            unacked = inFlight.clear();
            changed.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        open.forEach(ClientConnection::close);
        return unacked;
    }

    /** Under the lock: takes {@code node} out, moves its chunks elsewhere and schedules a probe. */
    private void markDown(Node node, String reason) {
        boolean wasUp = node.up;
        node.up = false;
        node.downBecause = reason;
        node.failures++;
        long delay = backoff.delayNanos(node.failures);
        node.probeAt = System.nanoTime() + delay;
        List<PendingChunk> moved = inFlight.on(node);
        for (PendingChunk chunk : moved) {
            chunk.node = selector.pick();
            chunk.sentOn = -1;
        }
        if (wasUp || !moved.isEmpty()) {
            log.warn(
                    "forward: {} is down ({}); {} unacked chunks go to other nodes; next probe in {} ms",
                    node,
                    reason,
                    moved.size(),
                    TimeUnit.NANOSECONDS.toMillis(delay));
        } else {
            log.info(
                    "forward: {} still down ({}); next probe in {} ms",
                    node,
                    reason,
                    TimeUnit.NANOSECONDS.toMillis(delay));
        }
        changed.signalAll();
    }
}
