package dev.hakobu.agent.tail;

import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.agent.ship.ChunkAssembler;
import dev.hakobu.agent.ship.PositionStore;
import dev.hakobu.agent.ship.Positions;
import dev.hakobu.agent.ship.SealedChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's reader thread: reads every file, parses lines into chunks, and hands sealed chunks to
 * {@code ship}, which blocks while too many chunks are unacknowledged (so reading stops: backpressure).
 */
public final class TailReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(TailReader.class);
    private final List<TailSource> sources = new ArrayList<>();
    private final Map<Path, TailedFile> files = new LinkedHashMap<>();
    private final Positions positions;
    private final Consumer<SealedChunk> ship;
    private final Supplier<String> chunkIds;
    private final Clock clock;
    private final long pollNanos;
    private final long rescanNanos;
    private final LineSink sink = this::onLine;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private boolean firstScan = true;
    private long arrivalNanos;
    private long now;

    public TailReader(List<TailSourceConfig> configs, BatchConfig batch, Positions positions,
                      Consumer<SealedChunk> ship, Supplier<String> chunkIds, Clock clock) {
        configs.forEach(c -> sources.add(new TailSource(c, batch)));
        this.positions = positions;
        this.ship = ship;
        this.chunkIds = chunkIds;
        this.clock = clock;
        this.pollNanos = configs.stream().mapToLong(c -> c.pollInterval().toNanos()).min().orElseThrow();
        this.rescanNanos = configs.stream().mapToLong(c -> c.rescanInterval().toNanos()).min().orElseThrow();
    }

    @Override
    public void run() {
        long nextScan = 0;
        while (running) {
            now = System.nanoTime();
            if (now - nextScan >= 0) {
                scan();
                nextScan = now + rescanNanos;
            }
            boolean progressed = readAll();
            now = System.nanoTime();
            for (TailSource s : sources) {
                if (s.assembler.due(now) || (!progressed && !s.assembler.isEmpty() && caughtUpWanted)) {
                    ship.accept(s.assembler.seal(chunkIds.get()));
                }
            }
            caughtUp = !progressed && sources.stream().allMatch(s -> s.assembler.isEmpty());
            if (!progressed) {
                long wait = pollNanos;
                for (TailSource s : sources) {
                    wait = Math.min(wait, s.assembler.nanosUntilDue(now));
                }
                LockSupport.parkNanos(Math.max(wait, 1_000_000));
            }
        }
        for (TailSource s : sources) {
            if (!s.assembler.isEmpty()) {
                ship.accept(s.assembler.seal(chunkIds.get()));
            }
        }
        files.values().forEach(TailedFile::close);
    }

    private volatile boolean caughtUpWanted;

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
        for (TailedFile f : List.copyOf(files.values())) {
            try {
                int n = f.read(sink);
                if (n > 0) {
                    progressed = true;
                } else {
                    progressed |= checkRotated(f);
                }
            } catch (IOException e) {
                log.warn("{}: read failed, closing it until the next scan: {}", f.path(), e.toString());
                f.close();
                files.remove(f.path());
            }
        }
        return progressed;
    }

    /** At the end of a file: if the path now names another file (rotated), switch to it from its start. */
    private boolean checkRotated(TailedFile f) throws IOException {
        String key = TailedFile.keyOf(f.path());
        if (key != null && key.equals(f.fileKey())) {
            return false;
        }
        f.close();
        files.remove(f.path());
        if (key != null) {
            log.info("{}: rotated, following the new file from its start", f.path());
            open(f.path(), key, f.source(), 0);
            return true;
        }
        log.info("{}: deleted, closed", f.path());
        return false;
    }

    private void scan() {
        for (TailSource s : sources) {
            Set<Path> found = s.globs.scan();
            for (Path p : found) {
                if (files.containsKey(p)) {
                    continue;
                }
                String key = TailedFile.keyOf(p);
                if (key == null) {
                    continue;
                }
                try {
                    open(p, key, s, startOffset(p, key, s));
                } catch (IOException e) {
                    log.warn("{}: cannot open: {}", p, e.toString());
                }
            }
        }
        firstScan = false;
    }

    private long startOffset(Path p, String key, TailSource s) throws IOException {
        PositionStore.Position known = positions.resumeFrom(p.toString());
        long size = java.nio.file.Files.size(p);
        if (known != null && known.fileKey().equals(key) && known.offset() <= size) {
            return known.offset();
        }
        if (known == null && firstScan && !s.config.readFromHead()) {
            return size; // a line-aligned end is assumed for files present at start
        }
        return 0;
    }

    private void open(Path p, String key, TailSource s, long offset) throws IOException {
        files.put(p, new TailedFile(p, key, s, offset));
        log.info("{}: tailing from offset {}", p, offset);
    }

    private void onLine(TailedFile f, byte[] buf, int off, int len, long endOffset) {
        TailSource s = f.source();
        s.parser.parse(buf, off, len, arrivalNanos, s.record);
        ChunkAssembler a = s.assembler;
        a.add(s.record.eventNanos(), s.record.array(), s.record.start(), s.record.end() - s.record.start(),
                f.path().toString(), f.fileKey(), endOffset, now);
        if (a.full()) {
            ship.accept(a.seal(chunkIds.get()));
        }
    }
}
