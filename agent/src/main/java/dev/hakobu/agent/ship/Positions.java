package dev.hakobu.agent.ship;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed positions plus the chunks in flight, in send order. {@link #acked} may be called in any
 * order from the client's thread; positions move only through the acknowledged prefix of the queue.
 * A background thread persists changes, coalescing bursts of acks into one write.
 */
public final class Positions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Positions.class);
    private final PositionStore store;
    private final Map<String, PositionStore.Position> committed;
    private final ArrayDeque<SealedChunk> inFlight = new ArrayDeque<>();
    private final java.util.Set<String> ackedIds = new java.util.HashSet<>();
    private final Thread writer;
    private boolean dirty;
    private boolean closed;

    public Positions(PositionStore store) throws IOException {
        this.store = store;
        this.committed = store.load();
        this.writer = new Thread(this::persistLoop, "hakobu-positions");
        writer.setDaemon(true);
        writer.start();
    }

    /** Where a file resumes, if it was seen before with the same identity. */
    public synchronized PositionStore.Position committed(String path) {
        return committed.get(path);
    }

    public synchronized void sent(SealedChunk chunk) {
        inFlight.addLast(chunk);
    }

    /** Forgets a chunk that {@link #sent} recorded but that was never handed to the client. */
    public synchronized void unsent(SealedChunk chunk) {
        inFlight.remove(chunk);
        notifyAll();
    }

    public synchronized void acked(SealedChunk chunk) {
        ackedIds.add(chunk.id());
        while (!inFlight.isEmpty() && ackedIds.remove(inFlight.peekFirst().id())) {
            for (SealedChunk.Mark m : inFlight.removeFirst().marks()) {
                committed.put(m.path(), new PositionStore.Position(m.fileKey(), m.endOffset()));
            }
            dirty = true;
        }
        notifyAll();
    }

    public synchronized int inFlight() {
        return inFlight.size();
    }

    private void persistLoop() {
        while (true) {
            Map<String, PositionStore.Position> snapshot;
            synchronized (this) {
                while (!dirty && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!dirty) {
                    return;
                }
                snapshot = new HashMap<>(committed);
                dirty = false;
            }
            try {
                store.save(snapshot);
            } catch (IOException e) {
                log.error("cannot save positions (retrying in 1 s): {}", e.toString());
                synchronized (this) {
                    dirty = true;
                    try {
                        wait(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    /** Persists what is committed and stops the writer. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
