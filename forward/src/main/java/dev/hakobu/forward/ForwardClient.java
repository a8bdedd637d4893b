package dev.hakobu.forward;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardClientConfig.Compression;
import dev.hakobu.retry.Backoff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/**
 * Sends PackedForward chunks to a cluster of aggregators and owns their delivery until acked.
 *
 * <p>Each chunk goes to a healthy regular node picked by weight (standby nodes only while no regular node is
 * healthy). A node that fails (cannot connect, loses its connection with chunks on it, or misses an ack
 * deadline) is marked down and its unacked chunks are resent, with the same chunk ids, on another healthy
 * node, never retried forever on the dead one; with no healthy node they wait. A down node is probed by
 * connecting (TCP, TLS, handshake) after an exponential backoff with jitter, and takes its share of new
 * chunks again once a probe connects. Connections are kept open between chunks.
 *
 * <p>Each server gets chunks in its own compression ({@link ForwardClientConfig#compressionOf}); when the
 * servers differ, a chunk that fails over is compressed again for its new server.
 *
 * <p>Threading: {@link #send} may be called from any thread; it encodes (and compresses) on the caller's
 * thread when every server uses the same compression, else each node thread does for its server; it blocks
 * only while {@code maxInFlightChunks} chunks are unacked. Each node has one thread that
 * connects and writes frames; each connection has a reader thread that reads acks and completes the
 * futures, so dependent stages run there and must not block. One more thread probes the servers nobody is
 * connected to ({@link IdleNodeProbe}, for {@link #servers}). {@link #close} cancels the futures of unacked
 * chunks on the calling thread. All threads are daemons.
 */
public final class ForwardClient implements AutoCloseable {
    private final ForwardClientConfig config;
    private final Dispatcher dispatcher;
    private final ClientConnection.Settings settings;
    private final List<Node> nodes = new ArrayList<>();
    private volatile IdleNodeProbe probe;
    private Duration probeFirst = IdleNodeProbe.FIRST;
    private Duration probeEvery = IdleNodeProbe.INTERVAL;

    /** The compression of every server when they all use the same one; null when they differ. */
    private final Compression shared;

    private ForwardClient(ForwardClientConfig config, RandomGenerator random, SSLContext tls) {
        this.config = config;
        long tickMillis = Math.max(10, Math.min(1000, config.ackTimeout().toMillis() / 4));
        this.settings =
                new ClientConnection.Settings(
                        config.connectTimeout(),
                        Duration.ofMillis(tickMillis),
                        tls,
                        config.tls().map(ClientTlsConfig::verifyHostname).orElse(false),
                        config.security().orElse(null));
        this.dispatcher =
                new Dispatcher(
                        settings,
                        config.maxInFlightChunks(),
                        config.ackTimeout().toNanos(),
                        new Backoff(config.retryBackoffMin(), config.retryBackoffMax(), random));
        Set<Compression> used = EnumSet.noneOf(Compression.class);
        for (ForwardNodeConfig node : config.servers()) {
            nodes.add(new Node(node, config.compressionOf(node), dispatcher));
            used.add(config.compressionOf(node));
        }
        // AUTO may change a node's compression while chunks are in flight: those are encoded per
        // node
        this.shared =
                used.size() == 1 && !used.contains(Compression.AUTO)
                        ? used.iterator().next()
                        : null;
        dispatcher.nodes(nodes, new NodeSelector(nodes, random));
    }

    /**
     * Starts the client; it connects to a node when the first chunk goes there. {@code random} picks nodes
     * and jitters backoffs; it is only used under the client's lock, so it need not be thread-safe.
     *
     * @throws UncheckedIOException if the TLS files cannot be read
     */
    public static ForwardClient open(ForwardClientConfig config, RandomGenerator random) {
        ForwardClient client = prepare(config, random);
        client.start();
        return client;
    }

    /** As {@link #open(ForwardClientConfig, RandomGenerator)}, probing idle servers first after {@code probeFirst}, then every {@code probeEvery}. */
    static ForwardClient open(
            ForwardClientConfig config,
            RandomGenerator random,
            Duration probeFirst,
            Duration probeEvery) {
        ForwardClient client = prepare(config, random);
        client.probeFirst = probeFirst;
        client.probeEvery = probeEvery;
        client.start();
        return client;
    }

    /**
     * Builds the client (the TLS files are read here) without starting a thread; {@link #start} starts
     * its node threads and the idle-server probe. Closing a client that was never started is fine.
     *
     * @throws UncheckedIOException if the TLS files cannot be read
     */
    public static ForwardClient prepare(ForwardClientConfig config, RandomGenerator random) {
        SSLContext tls;
        try {
            tls = config.tls().isPresent() ? TlsContexts.client(config.tls().get()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("forward." + e.getMessage(), e);
        }
        return new ForwardClient(config, random, tls);
    }

    /** Starts one thread per node and the idle-server probe; once only. */
    public void start() {
        nodes.forEach(Node::start);
        probe = new IdleNodeProbe(dispatcher, settings, probeFirst, probeEvery);
    }

    /**
     * Queues one chunk, {@code entries[offset, offset + length)} holding {@code count} entries (see
     * {@link EntryWriter}); the bytes are copied before this returns. Blocks while
     * {@code maxInFlightChunks} chunks are unacked.
     *
     * @return completes, on a connection's reader thread, when an aggregator acked {@code chunkId}, which it
     *         does only once the chunk is durable there; never fails, but is cancelled if this client is
     *         closed first. The chunk may have reached more than one aggregator (after a failover), always
     *         with the same id.
     * @throws IllegalArgumentException if {@code chunkId} is already in flight
     */
    public CompletableFuture<Void> send(
            String tag, byte[] entries, int offset, int length, int count, String chunkId)
            throws InterruptedException {
        if (shared != null && shared != Compression.NONE) {
            return sendUncopied(
                    tag, entries, offset, length, count, chunkId); // compressing copies them
        }
        return sendUncopied(
                tag,
                Arrays.copyOfRange(entries, offset, offset + length),
                0,
                length,
                count,
                chunkId);
    }

    /**
     * As {@link #send}, but without copying the entries when they go uncompressed, or when servers use
     * different compressions (each node thread then compresses them for its server when it first writes the
     * chunk there): the frame points at {@code entries[offset, offset + length)}, so the caller must leave
     * those bytes unchanged until the returned future completes (it completes only once no thread of this
     * client reads them any more), and must not reuse them at all if it is cancelled. For a sender that keeps
     * each chunk until its ack anyway.
     */
    public CompletableFuture<Void> sendUncopied(
            String tag, byte[] entries, int offset, int length, int count, String chunkId)
            throws InterruptedException {
        if (count < 0) {
            throw new IllegalArgumentException("count cannot be negative");
        }
        PendingChunk chunk =
                shared != null
                        ? new PendingChunk(
                                chunkId,
                                FrameEncoder.encode(
                                        tag, entries, offset, length, count, chunkId, shared))
                        : new PendingChunk(
                                chunkId, tag, entries, offset, length,
                                count); // encoded per server, by its node thread
        if (!dispatcher.add(chunk)) {
            chunk.future.cancel(false);
        }
        return chunk.future;
    }

    /**
     * How many servers chunks may go to now: all but those marked down after a failure. A server nobody
     * sent to counts until it fails; {@link #servers} tells whether it accepts connections.
     */
    public int healthyNodes() {
        return dispatcher.healthyNodes();
    }

    /**
     * Each server's health as seen now, in configuration order: connected, or, idle (a standby, or before
     * the first chunk), whether it accepted the last probe ({@link ServerStatus}).
     */
    public List<ServerStatus> servers() {
        return dispatcher.status();
    }

    /** Stops at once: unacked chunks' futures are cancelled (their data stays with the caller). Idempotent. */
    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
        List<PendingChunk> cancelled = dispatcher.close();
        for (Node node : nodes) {
            try {
                node.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        cancelled.forEach(chunk -> chunk.future.cancel(false));
    }
}
