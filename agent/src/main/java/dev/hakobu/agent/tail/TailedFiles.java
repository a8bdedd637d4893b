package dev.hakobu.agent.tail;

import dev.hakobu.agent.ship.PositionStore.Position;
import dev.hakobu.agent.ship.Positions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open files, by identity (device + inode): when each is found, rotated and released. Two paths with
 * different identities are two files, whatever they hold. Where a found file starts is {@link StartOffsets}'
 * decision. Reader thread only.
 */
final class TailedFiles {
    private static final Logger log = LoggerFactory.getLogger(TailedFiles.class);
    private final Map<String, TailedFile> byKey = new LinkedHashMap<>();
    private final StartOffsets starts;
    private final GoneFiles gone;
    private final ReadBuffer rb;
    private final LineSink sink;
    private boolean firstScan = true;

    TailedFiles(Positions positions, ReadBuffer rb, LineSink sink) {
        this.starts = new StartOffsets(positions, rb.fingerprint);
        this.gone = new GoneFiles(positions, starts);
        this.rb = rb;
        this.sink = sink;
    }

    List<TailedFile> all() {
        return new ArrayList<>(byKey.values());
    }

    /**
     * Opens files the globs now match, known identities first, so a copy never wins over its original;
     * then forgets the positions of files gone from disk ({@link GoneFiles}).
     */
    void scan(List<TailSource> sources, long now) {
        record Found(Path path, String key, String dir, TailSource source) {}
        List<Found> unknown = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<Path, String> dirs = new HashMap<>(); // one stat per directory per scan
        boolean complete = true;
        for (TailSource s : sources) {
            for (Path p : s.globs.scan()) {
                String key = TailedFile.keyOf(p);
                TailedFile f = key == null ? null : byKey.get(key);
                if (key == null) {
                    continue;
                }
                seen.add(key);
                String dir =
                        dirs.computeIfAbsent(p.toAbsolutePath().getParent(), TailedFile::keyOf);
                if (f != null) {
                    if (!f.path().equals(p)) {
                        log.info("{}: now named {}", f.path(), p);
                        f.renamedTo(p, dir);
                    }
                } else if (starts.isKnown(key)) {
                    open(p, key, dir, s, now);
                } else {
                    unknown.add(new Found(p, key, dir, s));
                }
            }
            complete &= s.globs.complete();
        }
        for (Found u : unknown) {
            if (!byKey.containsKey(u.key())) {
                open(u.path(), u.key(), u.dir(), u.source(), now);
            }
        }
        firstScan = false;
        gone.afterScan(complete, seen, byKey.values());
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
                log.info(
                        "{}: rotated or deleted; reading it to its end until it has no new data for {}",
                        f.path(),
                        f.source().config.rotateWait());
                f.rotated(now);
            }
            if (key != null && !byKey.containsKey(key)) {
                opened = open(f.path(), key, dirOf(f.path()), f.source(), now);
            }
        }
        if (f.idleFor(f.source().config.rotateWait().toNanos(), now)) {
            f.drain(sink, rb);
            release(f);
            log.info("{}: released (offset {})", f.path(), f.offset());
        }
        return opened;
    }

    /** Keeps what a file held before a truncation, for its copy to find; false if too short to recognise. */
    boolean remember(Truncation t) {
        return starts.remember(t);
    }

    /**
     * A file opened young whose fingerprint is full now ({@link LineSink#fingerprinted}): a copy of a file
     * still being read is closed without being remembered, so that the next scan finds it again and it
     * waits like any copy; a copy of a truncated file reads on from where the original was.
     */
    long fingerprinted(TailedFile f) {
        List<TailedFile> others = new ArrayList<>(byKey.values());
        others.remove(f);
        try {
            StartOffsets.Start start = starts.grown(f, others);
            if (start.offset() < 0) {
                log.info(
                        "{}: a copy of a file being read in the same directory (same first KiB, same bytes so far);"
                                + " closed until that one is truncated",
                        f.path());
                f.close();
                byKey.remove(f.key());
            }
            return start.offset();
        } catch (IOException e) {
            log.warn("{}: read failed, closing it until the next scan: {}", f.path(), e.toString());
            release(f);
            return -1;
        }
    }

    /** Closes a file, remembering how far it was read in case it shows up again. */
    void release(TailedFile f) {
        f.close();
        byKey.remove(f.key());
        starts.released(f.key(), new Position(f.fingerprint(), f.offset()));
    }

    void closeAll() {
        byKey.values().forEach(TailedFile::close);
    }

    private static String dirOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? null : TailedFile.keyOf(parent);
    }

    private boolean open(Path p, String key, String dir, TailSource s, long now) {
        FileChannel ch = null;
        try {
            ch = TailedFile.open(p);
            if (!key.equals(TailedFile.keyOf(p))) {
                // rotated between the stat and the open: the channel may be another file than key
                // names
                closeQuietly(ch);
                return false;
            }
            long size = ch.size();
            String fp = Fingerprint.of(ch, size, rb.fingerprint);
            boolean fromHead = !firstScan || s.config.readFromHead();
            StartOffsets.Start start =
                    starts.of(p, key, dir, ch, size, fp, fromHead, byKey.values());
            if (start.offset() < 0) {
                ch.close();
                return false;
            }
            TailedFile f = new TailedFile(p, key, dir, s, ch, fp, start.offset(), now);
            byKey.put(key, f);
            log.info("{}: tailing from offset {}", p, start.offset());
            if (start.before() != null) {
                // truncated while the agent was stopped: saved like a truncation seen while
                // running, or a
                // copy with nothing left to read would be read again from 0 after the next restart
                sink.truncated(f, start.before());
            }
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
}
