package dev.hakobu.agent.tail;

import dev.hakobu.agent.ship.PositionStore.Position;
import dev.hakobu.agent.ship.Positions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open files, by identity (device + inode), and the decisions of where each starts, when it was
 * rotated and when it is released. Reader thread only.
 *
 * <p>Where a newly found file starts: its saved (or, this run, last read) offset if its first bytes
 * still match the fingerprint saved with it and the offset is not past its end; else 0 (inode reused,
 * truncated, or a saved offset that cannot be trusted). A file whose first KiB equals that of a file
 * truncated this run is a copytruncate copy and starts where the original was; one equal to a file
 * being read is a copy not yet truncated and waits. Otherwise 0, or the end for files present at start
 * with {@code read_from_head: false}.
 */
final class TailedFiles {
    private static final Logger log = LoggerFactory.getLogger(TailedFiles.class);
    private static final int REMEMBERED = 4096;
    private final Map<String, TailedFile> byKey = new LinkedHashMap<>();
    private final Map<String, Position> released = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Position> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final ArrayDeque<TailedFile.Truncation> truncations = new ArrayDeque<>();
    private final Positions positions;
    private final ReadBuffer rb;
    private final LineSink sink;
    private boolean firstScan = true;

    TailedFiles(Positions positions, ReadBuffer rb, LineSink sink) {
        this.positions = positions;
        this.rb = rb;
        this.sink = sink;
    }

    List<TailedFile> all() {
        return new ArrayList<>(byKey.values());
    }

    /** Opens files the globs now match. Known identities first, so a copy never wins over its original. */
    void scan(List<TailSource> sources, long now) {
        List<Object[]> unknown = new ArrayList<>();
        for (TailSource s : sources) {
            for (Path p : s.globs.scan()) {
                String key = TailedFile.keyOf(p);
                TailedFile f = key == null ? null : byKey.get(key);
                if (key == null) {
                    continue;
                } else if (f != null) {
                    if (!f.path().equals(p)) {
                        log.info("{}: now named {}", f.path(), p);
                        f.renamedTo(p);
                    }
                } else if (released.containsKey(key) || positions.resumeFrom(key) != null) {
                    open(p, key, s, now);
                } else {
                    unknown.add(new Object[] {p, key, s});
                }
            }
        }
        for (Object[] u : unknown) {
            if (!byKey.containsKey((String) u[1])) {
                open((Path) u[0], (String) u[1], (TailSource) u[2], now);
            }
        }
        firstScan = false;
    }

    /**
     * After a read found nothing new: if the path names another file now (or none), this one was
     * rotated or deleted; the new file is opened at once, and this one is read until idle for
     * {@code rotate_wait}, then released.
     * @return true if a file was opened
     */
    boolean atEnd(TailedFile f, long now) throws IOException {
        String key = TailedFile.keyOf(f.path());
        boolean opened = false;
        if (!f.key().equals(key)) {
            if (!f.isRotated()) {
                log.info("{}: rotated or deleted; reading it to its end until it has no new data for {}",
                        f.path(), f.source().config.rotateWait());
                f.rotated(now);
            }
            if (key != null && !byKey.containsKey(key)) {
                opened = open(f.path(), key, f.source(), now);
            }
        }
        if (f.idleFor(f.source().config.rotateWait().toNanos(), now)) {
            f.drain(sink, rb);
            release(f);
            log.info("{}: released (offset {})", f.path(), f.offset());
        }
        return opened;
    }

    /** The position key under which what a truncated file held is saved: {@code truncated <fingerprint>}. */
    static String truncatedKey(String fingerprint) {
        return "truncated " + fingerprint;
    }

    /** Closes a file, remembering how far it was read in case it shows up again. */
    void release(TailedFile f) {
        f.close();
        byKey.remove(f.key());
        released.put(f.key(), new Position(f.fingerprint(), f.offset()));
    }

    void closeAll() {
        byKey.values().forEach(TailedFile::close);
    }

    private boolean open(Path p, String key, TailSource s, long now) {
        FileChannel ch = null;
        try {
            ch = TailedFile.open(p);
            if (!key.equals(TailedFile.keyOf(p))) {
                // rotated between the stat and the open: the channel may be another file than key names
                closeQuietly(ch);
                return false;
            }
            long size = ch.size();
            String fp = Fingerprint.of(ch, size, rb.fingerprint);
            long start = startOffset(p, key, ch, size, fp, s);
            if (start < 0) {
                ch.close();
                return false;
            }
            byKey.put(key, new TailedFile(p, key, s, ch, fp, start, now));
            log.info("{}: tailing from offset {}", p, start);
            return true;
        } catch (IOException e) {
            log.warn("{}: cannot open: {}", p, e.toString());
            closeQuietly(ch);
            return false;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }

    /** @return where to start, or -1 to leave the file for a later scan */
    private long startOffset(Path p, String key, FileChannel ch, long size, String fp, TailSource s) throws IOException {
        Position known = released.remove(key);
        if (known == null) {
            known = positions.resumeFrom(key);
        }
        if (known != null) {
            if (Fingerprint.matches(ch, known.fileKey(), rb.fingerprint)) {
                if (known.offset() <= size) {
                    return known.offset();
                }
                log.warn("{}: saved offset {} is past its end ({} bytes); not trusted, reading from 0", p, known.offset(), size);
                return 0;
            }
            log.info("{}: its inode now holds other data (reused, or truncated while stopped); reading from 0", p);
            remember(new TailedFile.Truncation(known.fileKey(), known.offset()));
            return 0;
        }
        if (Fingerprint.isFull(fp)) {
            for (TailedFile f : byKey.values()) {
                if (f.fingerprint().equals(fp)) {
                    return -1; // a copy of a file still being read: once the original is truncated it is read on from there
                }
            }
            for (Iterator<TailedFile.Truncation> it = truncations.iterator(); it.hasNext(); ) {
                TailedFile.Truncation t = it.next();
                if (t.fingerprint().equals(fp)) {
                    it.remove();
                    log.info("{}: a copy of a file truncated since; reading it on from offset {}", p, t.offset());
                    return Math.min(t.offset(), size);
                }
            }
            Position saved = positions.resumeFrom(truncatedKey(fp));
            if (saved != null) {
                log.info("{}: a copy of a file truncated before the restart; reading it on from offset {}", p, saved.offset());
                return Math.min(saved.offset(), size);
            }
        }
        return firstScan && !s.config.readFromHead() ? size : 0;
    }

    /** Keeps what a file held before a truncation, for its copy to find; false if too short to recognise. */
    boolean remember(TailedFile.Truncation t) {
        if (t == null || !Fingerprint.isFull(t.fingerprint())) {
            return false;
        }
        truncations.addLast(t);
        if (truncations.size() > 64) {
            truncations.removeFirst();
        }
        return true;
    }
}
