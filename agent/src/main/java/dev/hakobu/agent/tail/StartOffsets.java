package dev.hakobu.agent.tail;

import dev.hakobu.agent.ship.PositionStore.Position;
import dev.hakobu.agent.ship.Positions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a newly found file starts reading. Reader thread only.
 *
 * <p>A known identity (released this run, or in the positions) resumes at its offset if the file still
 * starts with the fingerprint saved beside it and is at least that long; if it starts with other bytes it
 * was truncated (or its inode reused) while nobody watched, which is reported as a {@link Truncation} so
 * that it is saved exactly like one seen while running. An unknown file is another file than every file
 * being read (identity is device + inode), whatever it starts with; its fingerprint only links it to a
 * predecessor in the same directory: it waits if it is the copy of a file being read that is not truncated
 * yet ({@link Copies}), and starts where the original was if its full fingerprint equals that of a
 * truncation in its directory (this run, or saved). Anything else starts at 0, or at its end for files
 * present at start with {@code read_from_head: false}. A file found shorter than a full fingerprint (a copy
 * just created by {@code Files.copy}, before it wrote anything, looks like any new file) is decided again
 * when its fingerprint is full, before a line past its first KiB is handed on ({@link #grown}).
 */
final class StartOffsets {
    private static final Logger log = LoggerFactory.getLogger(StartOffsets.class);
    private static final int REMEMBERED = 4096;
    private static final int TRUNCATIONS = 64;
    private final Map<String, Position> released =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Position> eldest) {
                    return size() > REMEMBERED;
                }
            };
    private final ArrayDeque<Truncation> truncations = new ArrayDeque<>();
    private final Positions positions;
    private final byte[] scratch;
    private final Copies copies;

    /** Where to start; {@code offset < 0} leaves the file for a later scan. */
    record Start(long offset, Truncation before) {
        static final Start LATER = new Start(-1, null);
    }

    StartOffsets(Positions positions, byte[] scratch) {
        this.positions = positions;
        this.scratch = scratch;
        this.copies = new Copies(scratch);
    }

    /** True if reading this identity resumes from a saved or remembered offset. */
    boolean isKnown(String key) {
        return released.containsKey(key) || positions.resumeFrom(key) != null;
    }

    /** Remembers how far a closed file was read, in case it shows up again under a globbed name. */
    void released(String key, Position at) {
        released.put(key, at);
    }

    /** Forgets a released file that is no longer on disk under any globbed name. */
    void gone(String key) {
        released.remove(key);
    }

    /** The identities of the files released this run and remembered. */
    Set<String> releasedKeys() {
        return new HashSet<>(released.keySet());
    }

    /** Keeps what a file held before a truncation, for its copy to find; false if too short to recognise. */
    boolean remember(Truncation t) {
        if (t == null || !Fingerprint.isFull(t.fingerprint())) {
            return false;
        }
        truncations.addLast(t);
        if (truncations.size() > TRUNCATIONS) {
            truncations.removeFirst();
        }
        return true;
    }

    /** Truncations seen this run and not yet claimed by a copy. */
    Collection<Truncation> unclaimed() {
        return truncations;
    }

    /**
     * @param dir       the identity of the file's directory
     * @param fp        the file's fingerprint now
     * @param fromHead  false for a file present at the first scan of a source with {@code read_from_head: false}
     * @param open      the files being read, to tell a copy that is not truncated yet
     */
    Start of(
            Path p,
            String key,
            String dir,
            FileChannel ch,
            long size,
            String fp,
            boolean fromHead,
            Collection<TailedFile> open)
            throws IOException {
        Position known = released.remove(key);
        if (known == null) {
            known = positions.resumeFrom(key);
        }
        if (known != null) {
            return resume(p, dir, ch, size, known);
        }
        long otherwise = fromHead ? 0 : size;
        return Fingerprint.isFull(fp)
                ? copyOrNew(p, dir, ch, fp, size, otherwise, open)
                : new Start(otherwise, null);
    }

    /**
     * A file opened while its fingerprint was shorter than {@value Fingerprint#BYTES} bytes, whose
     * fingerprint is full now: it could not be told from a copytruncate copy caught before the copy had
     * written its first KiB (an empty copy, just created), so it is decided again now, before any line of it
     * is handed on. Only for a file none of which was handed on: closing it to wait then forgets nothing.
     * Never moves back before {@code f.offset()}.
     * @param others the files being read, besides this one
     */
    Start grown(TailedFile f, Collection<TailedFile> others) throws IOException {
        long size = f.size();
        Start s =
                copyOrNew(
                        f.path(), f.dir(), f.channel(), f.fingerprint(), size, f.offset(), others);
        return s.offset() < 0 ? s : new Start(Math.max(f.offset(), s.offset()), null);
    }

    /** An unknown file with a full fingerprint: a copy waits for its original's truncation, or starts where it was. */
    private Start copyOrNew(
            Path p,
            String dir,
            FileChannel ch,
            String fp,
            long size,
            long otherwise,
            Collection<TailedFile> open)
            throws IOException {
        if (copies.ofOpenFile(ch, size, fp, dir, open)) {
            return Start
                    .LATER; // a copy of a file still being read: once the original is truncated it
            // is read on from there
        }
        Long copied = claim(p, fp, dir);
        return new Start(copied != null ? Math.min(copied, size) : otherwise, null);
    }

    private Start resume(Path p, String dir, FileChannel ch, long size, Position known)
            throws IOException {
        if (!Fingerprint.matches(ch, known.fileKey(), scratch)) {
            log.info(
                    "{}: its inode now holds other data (reused, or truncated while stopped); reading from 0",
                    p);
            return new Start(0, new Truncation(known.fileKey(), known.offset(), dir));
        }
        if (known.offset() > size) {
            log.warn(
                    "{}: saved offset {} is past its end ({} bytes); not trusted, reading from 0",
                    p,
                    known.offset(),
                    size);
            return new Start(0, null);
        }
        return new Start(known.offset(), null);
    }

    /**
     * The offset a truncated original in {@code dir} with this fingerprint was read to, if any. A truncation
     * saved by an older version, without its directory, is claimed by a copy in any directory, as then.
     */
    private Long claim(Path p, String fp, String dir) {
        for (Iterator<Truncation> it = truncations.iterator(); it.hasNext(); ) {
            Truncation t = it.next();
            if (t.isCopy(fp, dir)) {
                it.remove();
                log.info(
                        "{}: a copy of a file truncated since; reading it on from offset {}",
                        p,
                        t.offset());
                return t.offset();
            }
        }
        Position saved = dir == null ? null : positions.resumeFrom(Truncation.key(fp, dir));
        if (saved == null) {
            saved = positions.resumeFrom(Truncation.key(fp, null));
        }
        if (saved != null) {
            log.info(
                    "{}: a copy of a file truncated before the restart; reading it on from offset {}",
                    p,
                    saved.offset());
            return saved.offset();
        }
        return null;
    }
}
