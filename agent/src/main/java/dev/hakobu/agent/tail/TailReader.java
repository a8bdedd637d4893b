package dev.hakobu.agent.tail;

import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.agent.ship.ChunkAssembler;
import dev.hakobu.agent.ship.ChunkBuffers;
import dev.hakobu.agent.ship.Positions;
import dev.hakobu.agent.ship.SealedChunk;
import dev.hakobu.mask.Masker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's reader thread: reads every file, parses lines into chunks, and hands sealed chunks to
 * {@code ship}, which blocks while too many chunks are unacknowledged, so reading stops (backpressure).
 * Memory: one shared read buffer (up to {@code max_line_bytes}), chunks being filled up to
 * {@code batch.max_buffered_bytes} over all tags, and what {@code ship} keeps in flight.
 *
 * <p>Positions: a line's mark is keyed by its file's identity (device + inode), not its path, with the
 * file's fingerprint beside the offset, so a position follows a file across renames and is not applied
 * to a new file that reuses the inode.
 */
public final class TailReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(TailReader.class);
    private final List<TailSource> sources = new ArrayList<>();
    private final TailedFiles files;
    private final ReadBuffer buffer = new ReadBuffer();
    private final LineSink sink;
    private final Consumer<SealedChunk> ship;
    private final Supplier<String> chunkIds;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long pollNanos;
    private final long rescanNanos;
    private final long maxBuffered;

    /** Least time between two rescans for new entries: a directory of busy churn is not rescanned nonstop. */
    static final long WATCH_GAP_NANOS = 50_000_000;

    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile boolean caughtUpWanted;
    private long buffered;
    private long arrivalNanos;
    private long now;

    public TailReader(
            List<TailSourceConfig> configs,
            BatchConfig batch,
            Positions positions,
            Consumer<SealedChunk> ship,
            Supplier<String> chunkIds,
            Clock clock,
            ChunkBuffers buffers) {
        this(configs, batch, positions, ship, chunkIds, clock, System::nanoTime, buffers);
    }

    TailReader(
            List<TailSourceConfig> configs,
            BatchConfig batch,
            Positions positions,
            Consumer<SealedChunk> ship,
            Supplier<String> chunkIds,
            Clock clock,
            LongSupplier nanoTime) {
        this(
                configs,
                batch,
                positions,
                ship,
                chunkIds,
                clock,
                nanoTime,
                new ChunkBuffers(batch, 2));
    }

    TailReader(
            List<TailSourceConfig> configs,
            BatchConfig batch,
            Positions positions,
            Consumer<SealedChunk> ship,
            Supplier<String> chunkIds,
            Clock clock,
            LongSupplier nanoTime,
            ChunkBuffers buffers) {
        configs.forEach(c -> sources.add(new TailSource(c, batch, buffers)));
        this.sink =
                new LineSink() {
                    @Override
                    public void line(
                            TailedFile f,
                            byte[] buf,
                            int off,
                            int len,
                            long endOffset,
                            boolean truncated) {
                        onLine(f, buf, off, len, endOffset, truncated);
                    }

                    @Override
                    public void truncated(TailedFile f, Truncation before) {
                        if (files.remember(before)) {
                            // saved with the chunk that carries the new content's first lines (the
                            // same assembler:
                            // never committed before the old content's last lines), so that after a
                            // restart a copy
                            // of the old content is still recognised
                            f.source()
                                    .assembler(f.tag())
                                    .addMark(before.key(), "", before.offset());
                        }
                    }

                    @Override
                    public long fingerprinted(TailedFile f) {
                        return files.fingerprinted(f);
                    }
                };
        this.files = new TailedFiles(positions, buffer, sink);
        this.ship = ship;
        this.chunkIds = chunkIds;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.maxBuffered = batch.maxBufferedBytes().bytes();
        this.pollNanos =
                configs.stream().mapToLong(c -> c.pollInterval().toNanos()).min().orElseThrow();
        this.rescanNanos =
                configs.stream().mapToLong(c -> c.rescanInterval().toNanos()).min().orElseThrow();
    }

    /**
     * Reads until {@link #stop}. Globs are expanded every {@code rescan_interval}, and at once (at most
     * every {@link #WATCH_GAP_NANOS}) when a watched directory gets a new entry ({@link DirectoryWatch}).
     */
    @Override
    public void run() {
        Thread self = Thread.currentThread();
        try (DirectoryWatch watch =
                DirectoryWatch.start(this::concerns, () -> LockSupport.unpark(self))) {
            long nextScan = nanoTime.getAsLong();
            long lastScan = nextScan - WATCH_GAP_NANOS;
            while (running) {
                now = nanoTime.getAsLong();
                if (now - nextScan >= 0
                        || (now - lastScan >= WATCH_GAP_NANOS && watch.takeChange())) {
                    files.scan(sources, now);
                    sources.forEach(s -> watch.watch(s.globs.directories()));
                    lastScan = now;
                    nextScan = now + rescanNanos;
                }
                boolean progressed = step();
                caughtUp = !progressed && buffered == 0;
                publishLag();
                if (!progressed) {
                    long wait = pollNanos;
                    for (TailSource s : sources) {
                        for (ChunkAssembler a : s.assemblers()) {
                            wait = Math.min(wait, a.nanosUntilDue(now));
                        }
                    }
                    if (watch.hasChange()) {
                        wait = Math.min(wait, lastScan + WATCH_GAP_NANOS - now);
                    }
                    LockSupport.parkNanos(Math.max(wait, 1_000_000));
                }
            }
        }
        sealAll(a -> !a.isEmpty());
        files.closeAll();
    }

    /** Called on the watch thread: may a new entry at {@code path} matter to a source? */
    private boolean concerns(Path path) {
        for (TailSource s : sources) {
            if (s.globs.concerns(path)) {
                return true;
            }
        }
        return false;
    }

    /** Expands the globs now (the run loop does so every rescan_interval). Package-private for tests. */
    void scan() {
        files.scan(sources, nanoTime.getAsLong());
    }

    /** Unread bytes per file path, for sources with lag_metrics; written by the reader thread, read by metrics. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> lag =
            new java.util.concurrent.ConcurrentHashMap<>();

    private long nextLag;

    /** Unread bytes (file size minus read offset) per path of the files whose source asked for lag metrics. */
    public java.util.Map<String, Long> fileLag() {
        return lag;
    }

    /** Every few seconds, on the reader thread: one stat per opted-in file. */
    private void publishLag() {
        if (now - nextLag < 0) {
            return;
        }
        nextLag = now + 5_000_000_000L;
        for (TailedFile f : files.all()) {
            if (f.source().config.lagMetrics()) {
                try {
                    lag.put(
                            f.path().toString(),
                            Math.max(0, java.nio.file.Files.size(f.path()) - f.offset()));
                } catch (IOException e) {
                    lag.remove(f.path().toString()); // rotated away or deleted
                }
            }
        }
    }

    /** What each source read, in configuration order. */
    public List<SourceCounters> sourceCounters() {
        return sources.stream().map(s -> s.counters).toList();
    }

    /** The files open now. Package-private for tests. */
    List<TailedFile> openFiles() {
        return files.all();
    }

    /** One pass: read every file once, then send the chunks that are due. Package-private for tests. */
    boolean step() {
        now = nanoTime.getAsLong();
        boolean progressed = readAll();
        now = nanoTime.getAsLong();
        boolean flushIdle = !progressed && caughtUpWanted;
        sealAll(a -> a.due(now) || (flushIdle && !a.isEmpty()));
        return progressed;
    }

    /** Makes the reader send partial chunks as soon as it has nothing more to read (for one-shot runs). */
    public void sendPartialChunksWhenIdle() {
        caughtUpWanted = true;
    }

    /** True after a pass that found nothing new to read and nothing left unsent. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public void stop() {
        running = false;
    }

    private boolean readAll() {
        arrivalNanos = clock.millis() * 1_000_000L;
        boolean progressed = false;
        for (TailedFile f : files.all()) {
            try {
                int n = f.read(sink, buffer, now);
                if (n > 0) {
                    progressed = true;
                } else {
                    progressed |= files.atEnd(f, now);
                }
            } catch (IOException e) {
                log.warn(
                        "{}: read failed, closing it until the next scan: {}",
                        f.path(),
                        e.toString());
                files.release(f);
            }
        }
        return progressed;
    }

    private void onLine(
            TailedFile f, byte[] buf, int off, int len, long endOffset, boolean truncated) {
        TailSource s = f.source();
        s.parser.parse(buf, off, len, arrivalNanos, s.record);
        s.counters.parsed(s.record.parseFailed());
        if (truncated) {
            s.record.flag("_truncated");
        }
        ChunkAssembler a = s.assembler(f.tag());
        Masker.MaskedRecord r =
                s.masker.mask(
                        s.record.array(), s.record.start(), s.record.end() - s.record.start());
        if (!a.fits(r.length())) {
            seal(a); // before, not after: this record would take the chunk past max_bytes
        }
        int before = a.size();
        a.add(
                s.record.eventNanos(),
                r.array(),
                r.offset(),
                r.length(),
                f.key(),
                f.fingerprint(),
                endOffset,
                now);
        buffered += a.size() - before;
        if (a.full()) {
            seal(a);
        } else if (buffered > maxBuffered) {
            sealFullest();
        }
    }

    private void sealAll(java.util.function.Predicate<ChunkAssembler> which) {
        for (TailSource s : sources) {
            for (ChunkAssembler a : s.assemblers()) {
                if (which.test(a)) {
                    seal(a);
                }
            }
        }
    }

    private void sealFullest() {
        ChunkAssembler fullest = null;
        for (TailSource s : sources) {
            for (ChunkAssembler a : s.assemblers()) {
                if (fullest == null || a.size() > fullest.size()) {
                    fullest = a;
                }
            }
        }
        seal(fullest);
    }

    /** Blocks in {@code ship} while the forward window is full: that is how acks pace reading. */
    private void seal(ChunkAssembler a) {
        buffered -= a.size();
        ship.accept(a.seal(chunkIds.get()));
    }
}
