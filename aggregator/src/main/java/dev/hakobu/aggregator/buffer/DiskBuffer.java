package dev.hakobu.aggregator.buffer;

import dev.hakobu.event.TimeSpan;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.Partitioner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output's disk buffer. See the package contract.
 *
 * <p>Threading: {@link #append} from any number of ingest threads (it blocks while the buffer is full);
 * {@link #poll}, {@link #read}, {@link #delivered}, {@link #retry}, {@link #deadLetter} from output workers;
 * {@link #tick} from a timer. One lock guards the chunk sets; file writes happen under it, fsyncs outside it.
 */
public final class DiskBuffer implements AutoCloseable {
    static final String SUFFIX = ".chunk";
    private static final Logger log = LoggerFactory.getLogger(DiskBuffer.class);
    private final String name;
    private final Path dir;
    private final BufferConfig config;
    private final Partitioner partitioner;
    private final Clock clock;
    private final SeenChunks delivered;
    private final SetAside quarantine;
    private final SetAside deadLetters;
    private final BufferCounters counters = new BufferCounters();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final Condition ready = lock.newCondition();
    private final OpenChunks open;
    private final WaitingChunks waiting = new WaitingChunks();
    private final Set<String> held = new HashSet<>();
    private long used;
    private boolean closed;

    private DiskBuffer(
            String name,
            Path dir,
            Path idsDir,
            BufferConfig config,
            Partitioner partitioner,
            Clock clock,
            RandomGenerator random)
            throws IOException {
        this.name = name;
        this.dir = Files.createDirectories(dir);
        this.config = config;
        this.partitioner = partitioner;
        this.clock = clock;
        this.delivered = new SeenChunks(idsDir, name + ".delivered", config.dedupeWindow());
        this.quarantine = new SetAside(dir.resolve("quarantine"));
        this.deadLetters = new SetAside(dir.resolve("dead-letter"));
        this.open = new OpenChunks(this.dir, deadLetters.folder(), config, clock, random);
    }

    /**
     * Opens the buffer in {@code dir} and recovers every chunk in it (they wait for delivery at once).
     *
     * @param idsDir where the ids of delivered batches are remembered (keep it off a disk that may fill up:
     *               recording them is what lets a delivered chunk be deleted)
     */
    public static DiskBuffer open(
            String name,
            Path dir,
            Path idsDir,
            BufferConfig config,
            Partitioner partitioner,
            Clock clock,
            RandomGenerator random)
            throws IOException {
        DiskBuffer b = new DiskBuffer(name, dir, idsDir, config, partitioner, clock, random);
        ChunkRecovery.Result r = ChunkRecovery.recover(name, b.dir, b.quarantine, clock);
        b.lock.lock();
        try {
            for (BufferChunk c : r.chunks()) {
                b.used += c.bytes();
                b.held.addAll(c.keys);
                b.makeWaiting(c);
            }
        } finally {
            b.lock.unlock();
        }
        b.counters.quarantined.addAndGet(r.quarantined());
        if (!r.chunks().isEmpty() || r.quarantined() > 0) {
            log.info(
                    "{}: recovered {} chunks ({} bytes), cut {} torn tails, quarantined {}",
                    name,
                    r.chunks().size(),
                    b.used,
                    r.tornTails(),
                    r.quarantined());
        }
        return b;
    }

    static String dedupeKey(String sourceId, String partition) {
        return sourceId + "|" + partition;
    }

    /**
     * Appends a forward chunk's entries, split by partition, each part one batch. Returns only when every
     * part is on disk (fsync per policy): the caller may acknowledge the sender then, and not before.
     * A part this buffer already holds or delivered (same {@code sourceId}, same partition) is skipped.
     * Blocks while the buffer is full (overflow: block).
     *
     * @param sourceId the sender's chunk id, or null when it wants no ack (then no dedupe either)
     * @throws IOException when the disk refuses (full, failing) or the buffer is closed: nothing unsynced was acked
     */
    public void append(String sourceId, String tag, byte[] entries, int off, int len)
            throws IOException, InterruptedException {
        append(sourceId, tag, entries, off, len, -1, TimeSpan.UNKNOWN);
    }

    /**
     * {@link #append(String, String, byte[], int, int)} for entries whose count and time span the caller
     * already measured: when the span lies in one partition the entries are not walked again.
     */
    public void append(
            String sourceId,
            String tag,
            byte[] entries,
            int off,
            int len,
            int count,
            TimeSpan times)
            throws IOException, InterruptedException {
        for (PartitionSplitter.Part part :
                PartitionSplitter.split(partitioner, tag, entries, off, len, count, times)) {
            String key = sourceId == null ? null : dedupeKey(sourceId, part.partition());
            byte[] head =
                    ChunkFormat.batchHead(
                            sourceId, part.count(), part.entries(), part.offset(), part.length());
            int batchBytes = head.length + part.length();
            BufferChunk target;
            long end;
            lock.lockInterruptibly();
            try {
                if (closed) {
                    throw new IOException(name + ": buffer is closed");
                }
                if (key != null && (held.contains(key) || delivered.contains(key))) {
                    counters.duplicates.addAndGet(part.count());
                    continue;
                }
                makeRoom(batchBytes);
                target = openChunk(tag, part.partition());
                long before = target.bytes();
                end = target.file.append(head, part.entries(), part.offset(), part.length());
                used += end - before;
                target.records += part.count();
                target.lastAppendMillis = clock.millis();
                if (key != null) {
                    held.add(key);
                    target.keys.add(key);
                }
                counters.appended.addAndGet(part.count());
                if (target.bytes() >= config.chunkBytes().bytes()
                        || target.records >= config.chunkRecords()) {
                    closeChunk(target);
                }
            } finally {
                lock.unlock();
            }
            if (config.fsync() == BufferConfig.Fsync.EVERY_BATCH) {
                target.file.syncTo(end);
            }
        }
    }

    private void makeRoom(int need) throws IOException, InterruptedException {
        boolean counted = false;
        while (used > 0 && used + need > config.totalBytes().bytes()) {
            if (closed) {
                throw new IOException(name + ": buffer is closed");
            }
            if (config.overflow() == BufferConfig.Overflow.DROP_OLDEST && dropOldest()) {
                continue;
            }
            open.all().forEach(this::closeChunk); // let workers drain what is here
            if (!counted) {
                counters.blocked.incrementAndGet();
                counted = true;
            }
            room.await(1, TimeUnit.SECONDS);
        }
    }

    private boolean dropOldest() throws IOException {
        BufferChunk oldest = waiting.takeOldest();
        if (oldest == null) {
            return false;
        }
        removeFile(oldest);
        Files.deleteIfExists(oldest.file.path());
        counters.droppedChunks.incrementAndGet();
        counters.droppedEvents.addAndGet(oldest.records);
        log.warn("{}: buffer full, overflow: drop_oldest deleted {}", name, oldest);
        return true;
    }

    private BufferChunk openChunk(String tag, String partition) throws IOException {
        BufferChunk c = open.get(tag, partition);
        if (c == null) {
            c = open.create(tag, partition);
            used += c.bytes();
        }
        return c;
    }

    /** Closes open chunks that are old enough (max_age, plus late_wait while events still come). */
    public void tick() {
        long now = clock.millis();
        lock.lock();
        try {
            open.due(now).forEach(this::closeChunk);
        } finally {
            lock.unlock();
        }
    }

    /** Closes every open chunk (shutdown: what is due goes out, the rest waits on disk). */
    public void closeOpenChunks() {
        lock.lock();
        try {
            open.all().forEach(this::closeChunk);
        } finally {
            lock.unlock();
        }
    }

    private void closeChunk(BufferChunk c) {
        open.remove(c);
        c.dueMillis = clock.millis();
        makeWaiting(c);
    }

    private void makeWaiting(BufferChunk c) {
        waiting.add(c);
        ready.signalAll();
    }

    /** The next closed chunk whose time has come, now held by the caller until it reports the outcome. */
    public Optional<BufferChunk> poll() {
        lock.lock();
        try {
            return closed ? Optional.empty() : Optional.ofNullable(waiting.takeDue(clock.millis()));
        } finally {
            lock.unlock();
        }
    }

    /** Waits (real time, at most {@code max}) until a chunk may be due; for worker threads between polls. */
    public void awaitWork(Duration max) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long wait = waiting.millisUntilDue(clock.millis(), max.toMillis());
            if (!closed && (waiting.size() == 0 || wait > 0)) {
                ready.await(Math.max(1, wait), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The chunk's events as one output chunk; its id is the buffer chunk's stable id. */
    public Chunk read(BufferChunk c) throws IOException, CorruptChunkException {
        return ChunkReader.read(c.file.path(), c.file.read());
    }

    /** The output holds the chunk: remember its batches' ids, then delete it. */
    public void delivered(BufferChunk c) throws IOException {
        delivered.addAll(c.keys);
        gone(c, () -> Files.deleteIfExists(c.file.path()));
        counters.delivered.incrementAndGet();
    }

    /** Try again at {@code dueMillis} (clock time). */
    public void retry(BufferChunk c, long dueMillis) {
        if (c.firstFailureMillis() >= 0) {
            try {
                RetryState.save(c.file.path(), c.firstFailureMillis(), c.attempts());
            } catch (IOException e) {
                log.warn(
                        "{}: could not note the failures of {} ({}); after a restart its retry window starts again",
                        name,
                        c,
                        e.toString());
            }
        }
        lock.lock();
        try {
            c.dueMillis = dueMillis;
            makeWaiting(c);
        } finally {
            lock.unlock();
        }
    }

    /** Moves the chunk to {@code dead-letter/} with the reason; its ids are remembered, so a resend is not stored again. */
    public void deadLetter(BufferChunk c, String reason) throws IOException {
        delivered.addAll(c.keys);
        gone(c, () -> deadLetters.move(c.file.path(), reason, clock.instant()));
        counters.deadLettered.incrementAndGet();
    }

    /** Moves an unreadable chunk to {@code quarantine/} with the reason. */
    public void quarantine(BufferChunk c, String reason) throws IOException {
        gone(c, () -> quarantine.move(c.file.path(), reason, clock.instant()));
        counters.quarantined.incrementAndGet();
        log.error("{}: quarantined {}: {}", name, c, reason);
    }

    private interface FileMove {
        void run() throws IOException;
    }

    /** Moves or deletes the file first (an open file may be renamed), so a failure leaves the chunk as it was. */
    private void gone(BufferChunk c, FileMove move) throws IOException {
        move.run();
        lock.lock();
        try {
            removeFile(c);
        } finally {
            lock.unlock();
        }
    }

    private void removeFile(BufferChunk c) {
        c.file.close();
        RetryState.delete(c.file.path());
        c.state = BufferChunk.State.GONE;
        used -= c.bytes();
        c.keys.forEach(held::remove);
        room.signalAll();
    }

    public Path deadLetterDir() {
        return deadLetters.folder();
    }

    public Path quarantineDir() {
        return quarantine.folder();
    }

    public String name() {
        return name;
    }

    /** {@code buffer.total_bytes}: the most this buffer holds before {@code overflow} decides. */
    public long capacityBytes() {
        return config.totalBytes().bytes();
    }

    public BufferStats stats() {
        lock.lock();
        try {
            return counters.snapshot(used, open.size(), waiting.size());
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking appends (blocked ones fail: no ack) and closes files; chunks stay on disk for the next start. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closed = true;
            open.all().forEach(c -> c.file.close());
            waiting.forEach(c -> c.file.close());
            room.signalAll();
            ready.signalAll();
        } finally {
            lock.unlock();
        }
        delivered.close();
    }
}
