package dev.hakobu.core.forward;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends PackedForward chunks to one aggregator and owns their delivery: a chunk is resent, with the same
 * chunk id and in original order, over a new connection whenever its connection breaks or its ack does not
 * come within {@code ackTimeout}, until it is acked. Reconnects back off exponentially with jitter.
 *
 * <p>Threading: {@link #send} may be called from any thread; it encodes (and compresses) on the caller's
 * thread and blocks only while {@code maxInFlightChunks} chunks are unacked. One I/O thread connects and
 * writes frames (one {@code write} per frame); each connection has a reader thread that reads acks and
 * completes the futures, so dependent stages run there and must not block. All are daemon threads.
 */
public final class ForwardClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ForwardClient.class);

    private final ForwardClientConfig config;
    private final Backoff backoff;
    private final Duration tick;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition(); // I/O thread: a chunk to write, a broken connection, close
    private final Condition room = lock.newCondition(); // senders: an in-flight slot freed, close
    private final LinkedHashMap<String, Chunk> unacked = new LinkedHashMap<>(); // guarded by lock; in send order
    private final Thread io;
    private final ClientConnection.Listener events = new ClientConnection.Listener() {
        @Override
        public void acked(ClientConnection c, String chunkId) {
            ForwardClient.this.acked(chunkId);
        }

        @Override
        public void tick(ClientConnection c) {
            ForwardClient.this.tick(c);
        }

        @Override
        public void broken(ClientConnection c, Exception cause) {
            ForwardClient.this.broken(c, cause);
        }
    };
    private ClientConnection connection; // guarded by lock; the current one, maybe still connecting
    private int generation;              // guarded by lock
    private int failures;                // guarded by lock; connection failures since the last ack
    private boolean closed;              // guarded by lock

    private static final class Chunk {
        final byte[] frame;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        int sentOn = -1; // generation of the connection it was last written to
        long ackDue;     // System.nanoTime() by which the ack is due

        Chunk(byte[] frame) {
            this.frame = frame;
        }
    }

    private ForwardClient(ForwardClientConfig config, RandomGenerator random) {
        this.config = config;
        this.backoff = new Backoff(config.retryBackoffMin(), config.retryBackoffMax(), random);
        long tickMillis = Math.max(10, Math.min(1000, config.ackTimeout().toMillis() / 4));
        this.tick = Duration.ofMillis(tickMillis);
        this.io = new Thread(this::run, "hakobu-forward-client-" + config.host() + ":" + config.port());
        io.setDaemon(true);
    }

    /** Starts the client; it connects when the first chunk is sent. */
    public static ForwardClient open(ForwardClientConfig config, RandomGenerator random) {
        ForwardClient client = new ForwardClient(config, random);
        client.io.start();
        return client;
    }

    /** 16 random bytes as unpadded base64url: 22 characters, safe in file names and S3 keys. */
    public static String newChunkId(RandomGenerator random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /**
     * Queues one chunk, {@code entries[offset, offset + length)} holding {@code count} entries (see
     * {@link EntryWriter}); the bytes are copied before this returns. Blocks while
     * {@code maxInFlightChunks} chunks are unacked.
     *
     * @return completes when the aggregator acked {@code chunkId}, which it does only once the chunk is
     *         durable there; never fails, but is cancelled if this client is closed first
     * @throws IllegalArgumentException if {@code chunkId} is already in flight
     */
    public CompletableFuture<Void> send(String tag, byte[] entries, int offset, int length, int count, String chunkId)
            throws InterruptedException {
        if (count < 0) {
            throw new IllegalArgumentException("count cannot be negative");
        }
        Chunk chunk = new Chunk(FrameEncoder.encode(tag, entries, offset, length, count, chunkId, config.compression()));
        lock.lockInterruptibly();
        try {
            while (!closed && unacked.size() >= config.maxInFlightChunks()) {
                room.await();
            }
            if (closed) {
                chunk.future.cancel(false);
            } else if (unacked.putIfAbsent(chunkId, chunk) != null) {
                throw new IllegalArgumentException("chunk " + chunkId + " is already in flight");
            } else {
                work.signalAll();
            }
        } finally {
            lock.unlock();
        }
        return chunk.future;
    }

    /** Stops at once: unacked chunks' futures are cancelled (their data stays with the caller). Idempotent. */
    @Override
    public void close() {
        List<Chunk> cancelled;
        ClientConnection current;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            current = connection;
            connection = null;
            cancelled = new ArrayList<>(unacked.values());
            unacked.clear();
            work.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        if (current != null) {
            current.close();
        }
        try {
            io.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cancelled.forEach(chunk -> chunk.future.cancel(false));
    }

    private void run() {
        try {
            while (true) {
                ClientConnection c = connected();
                if (c == null) {
                    return;
                }
                List<Chunk> batch = awaitBatch(c);
                try {
                    for (Chunk chunk : batch) {
                        c.write(chunk.frame);
                    }
                } catch (Exception e) {
                    broken(c, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The current connection, after connecting (with backoff) if needed; null once closed. */
    private ClientConnection connected() throws InterruptedException {
        while (true) {
            ClientConnection c;
            lock.lock();
            try {
                while (!closed && connection == null && unacked.isEmpty()) {
                    work.await();
                }
                if (connection != null || closed) {
                    return connection;
                }
                long wakeAt = System.nanoTime() + (failures == 0 ? 0 : backoff.delayNanos(failures));
                for (long left; !closed && (left = wakeAt - System.nanoTime()) > 0; ) {
                    work.awaitNanos(left);
                }
                if (closed) {
                    return null;
                }
                c = new ClientConnection(new InetSocketAddress(config.host(), config.port()), ++generation, events);
                connection = c;
            } finally {
                lock.unlock();
            }
            try {
                c.connect(config.connectTimeout(), tick);
                log.info("forward: connected to {}", c);
                return c;
            } catch (Exception e) {
                log.warn("forward: cannot connect to {}: {}; will retry", c, e.toString());
                lock.lock();
                try {
                    if (connection == c) {
                        connection = null;
                        failures++;
                    }
                } finally {
                    lock.unlock();
                }
                c.close();
            }
        }
    }

    /** Waits for chunks not yet written on {@code c}, marking them written; empty if {@code c} is gone. */
    private List<Chunk> awaitBatch(ClientConnection c) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && connection == c) {
                List<Chunk> batch = new ArrayList<>();
                long now = System.nanoTime();
                for (Chunk chunk : unacked.values()) {
                    if (chunk.sentOn != c.generation) {
                        chunk.sentOn = c.generation;
                        chunk.ackDue = now + config.ackTimeout().toNanos();
                        batch.add(chunk);
                    }
                }
                if (!batch.isEmpty()) {
                    return batch;
                }
                work.await();
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    private void acked(String chunkId) {
        Chunk chunk;
        lock.lock();
        try {
            chunk = unacked.remove(chunkId);
            if (chunk != null) {
                failures = 0;
                room.signal();
            }
        } finally {
            lock.unlock();
        }
        if (chunk != null) {
            chunk.future.complete(null);
        }
    }

    private void tick(ClientConnection c) {
        String overdue = null;
        lock.lock();
        try {
            long now = System.nanoTime();
            for (var e : unacked.entrySet()) {
                if (connection == c && e.getValue().sentOn == c.generation && now - e.getValue().ackDue > 0) {
                    overdue = e.getKey();
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        if (overdue != null) {
            log.warn("forward: no ack for chunk {} from {} within {}; reconnecting to resend", overdue, c, config.ackTimeout());
            broken(c, null);
        }
    }

    /** Drops {@code c}; the I/O thread reconnects (after a backoff if chunks were outstanding) and resends. */
    private void broken(ClientConnection c, Exception cause) {
        lock.lock();
        try {
            if (connection == c) {
                connection = null;
                if (!unacked.isEmpty()) {
                    failures++;
                    if (cause != null) {
                        log.warn("forward: connection to {} lost with {} chunks unacked: {}", c, unacked.size(), cause.toString());
                    }
                }
                work.signalAll();
            }
        } finally {
            lock.unlock();
        }
        c.close();
    }
}
