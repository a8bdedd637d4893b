package dev.hakobu.agent.ship;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed positions plus the chunks in flight, in send order. {@link #acked} may be called in any
 * order from the client's thread; positions move only through the acknowledged prefix of the queue.
 * A background thread persists changes, coalescing bursts of acks into one write, and only then
 * removes the committed chunks from the {@link ChunkJournal}: until the positions file covers a
 * chunk's lines, its journal entry is what keeps them from being re-read under a new chunk id.
 *
 * <p>At start, the journaled chunks that the positions file already covers are only removed from the
 * journal; the others are resent and reading resumes past them ({@link JournalReplay} says which and why).
 */
public final class Positions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Positions.class);
    private final PositionStore store;
    private final ChunkJournal journal;
    private final Map<String, PositionStore.Position> committed;

    /** Where reading resumes: past the committed offsets and past every chunk still in the journal. */
    private final Map<String, PositionStore.Position> resume = new HashMap<>();

    private final List<SealedChunk> toResend;

    /** The journal number of the last committed chunk; empty while unknown (see {@link PositionStore}). */
    private OptionalLong through;

    /** The lowest journal number of a chunk recorded but never sent ({@link #unsent}); none commits from it on. */
    private long unsentFrom = Long.MAX_VALUE;

    private List<SealedChunk> committedChunks = new ArrayList<>();
    private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
    private final Set<String> ackedIds = new HashSet<>();
    private final Thread writer;
    private boolean dirty;
    private boolean closed;

    private record Sent(SealedChunk chunk, long seq) {}

    /** @param journaled what {@link ChunkJournal#load} returned, oldest first */
    public Positions(PositionStore store, ChunkJournal journal, List<SealedChunk> journaled)
            throws IOException {
        this.store = store;
        this.journal = journal;
        PositionStore.Saved saved = store.load();
        this.committed = saved.positions();
        this.through = saved.journalThrough();
        through.ifPresent(journal::continueAfter);
        JournalReplay replay = JournalReplay.of(saved, journaled, journal::sequenceOf);
        resume.putAll(replay.resume());
        toResend = replay.toResend();
        committedChunks.addAll(replay.committed());
        if (!committedChunks.isEmpty()) {
            dirty = true; // the writer removes them from the journal, as after any save
            log.info(
                    "{} chunks left in the journal were committed before the stop; not resent",
                    committedChunks.size());
        }
        this.writer = new Thread(this::persistLoop, "hakobu-positions");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * The journaled chunks to send again before reading anything new, oldest first: those the positions
     * do not cover. Their marks are already in {@link #resumeFrom}.
     */
    public List<SealedChunk> toResend() {
        return toResend;
    }

    /** What the aggregator has acknowledged for a file, if anything. */
    public synchronized PositionStore.Position committed(String path) {
        return committed.get(path);
    }

    /** Where reading a file resumes at start: after its committed lines and after its lines still in flight. */
    public synchronized PositionStore.Position resumeFrom(String path) {
        return resume.get(path);
    }

    /** Call in send order, after the chunk is in the journal. */
    public synchronized void sent(SealedChunk chunk) {
        inFlight.addLast(new Sent(chunk, journal.sequenceOf(chunk)));
    }

    /**
     * Forgets a chunk that {@link #sent} recorded but that was never handed to the client (the agent is
     * stopping). Its journal entry stays, and so do those of the chunks sent after it, even once acked:
     * committing them would move positions past its lines. The next start resends them all.
     */
    public synchronized void unsent(SealedChunk chunk) {
        for (Iterator<Sent> it = inFlight.iterator(); it.hasNext(); ) {
            Sent s = it.next();
            if (s.chunk().equals(chunk)) {
                it.remove();
                if (s.seq() >= 0) {
                    unsentFrom = Math.min(unsentFrom, s.seq());
                }
                break;
            }
        }
        notifyAll();
    }

    public synchronized void acked(SealedChunk chunk) {
        ackedIds.add(chunk.id());
        while (!inFlight.isEmpty() && ackedIds.remove(inFlight.peekFirst().chunk().id())) {
            Sent done = inFlight.removeFirst();
            if (done.seq() >= unsentFrom) {
                continue;
            }
            for (SealedChunk.Mark m : done.chunk().marks()) {
                committed.put(m.path(), new PositionStore.Position(m.fileKey(), m.endOffset()));
            }
            if (done.seq() >= 0) {
                through = OptionalLong.of(Math.max(through.orElse(-1), done.seq()));
            }
            committedChunks.add(done.chunk());
            dirty = true;
        }
        notifyAll();
    }

    /** Every file identity (and {@code truncated <fingerprint>} key) with a position, committed or resumable. */
    public synchronized Set<String> keys() {
        Set<String> keys = new HashSet<>(resume.keySet());
        keys.addAll(committed.keySet());
        return keys;
    }

    /**
     * Forgets the positions of files that are gone, so the positions file does not grow with every file a
     * host ever had. A key that a chunk in flight carries is kept: its position is only dropped once every
     * chunk with its lines is acknowledged (a later call forgets it). Saved like an acknowledgement, by the
     * writer thread (atomic replace, fsync).
     * @return the keys forgotten
     */
    public synchronized Set<String> forget(Collection<String> keys) {
        Set<String> carried = new HashSet<>();
        for (Sent s : inFlight) {
            s.chunk().marks().forEach(m -> carried.add(m.path()));
        }
        Set<String> forgotten = new HashSet<>();
        for (String key : keys) {
            if (carried.contains(key)) {
                continue;
            }
            boolean had = committed.remove(key) != null;
            had |= resume.remove(key) != null;
            if (had) {
                forgotten.add(key);
            }
        }
        if (!forgotten.isEmpty()) {
            dirty = true;
            notifyAll();
        }
        return forgotten;
    }

    public synchronized int inFlight() {
        return inFlight.size();
    }

    private void persistLoop() {
        while (true) {
            Map<String, PositionStore.Position> snapshot;
            OptionalLong coveredThrough;
            List<SealedChunk> covered;
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
                coveredThrough = through;
                covered = committedChunks;
                committedChunks = new ArrayList<>();
                dirty = false;
            }
            try {
                store.save(snapshot, coveredThrough);
                journal.remove(
                        covered); // a stop before this leaves them journaled; the next start sees
                // them covered
            } catch (IOException e) {
                log.error("cannot save positions (retrying in 1 s): {}", e.toString());
                synchronized (this) {
                    dirty = true;
                    covered.addAll(committedChunks);
                    committedChunks = covered;
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
