package dev.hakobu.agent.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Collection;

/**
 * Tells a copytruncate copy found before its original was truncated from another file that merely starts
 * with the same bytes (the same application's header and first records, the same log in two directories).
 * Reader thread only.
 *
 * <p>A copy is made beside its original, is never longer than it, and holds the same bytes at the same
 * offsets. So a file not known yet is taken for the copy of a file being read only if both are in the same
 * directory (by the directory's device and inode), start with the same {@value Fingerprint#BYTES} bytes,
 * it is not longer, and its last (up to) {@value Fingerprint#BYTES} bytes equal the original's at the same
 * offsets; a copy waits for the truncation and is then read on from where the original was. Anything else
 * is a file of its own and is read whole: two live files are never merged, whatever they hold. Files in
 * one directory whose bytes are equal all the way (a {@code cp} of a log, never truncated) cannot be told
 * from a copy and its original; the one found later waits.
 *
 * <p>An original truncated since it was last read (shorter than its offset, or no longer starting with its
 * fingerprint) leaves the decision to the next scan, by which time the reader has seen the truncation and
 * the copy is recognised by it ({@link StartOffsets}).
 */
final class Copies {
    private final byte[] mine = new byte[Fingerprint.BYTES];
    private final byte[] theirs = new byte[Fingerprint.BYTES];
    private final byte[] scratch;

    /** @param scratch {@value Fingerprint#BYTES} bytes to check an original's first bytes in */
    Copies(byte[] scratch) {
        this.scratch = scratch;
    }

    /**
     * @param size the candidate's size when its fingerprint {@code fp} was taken
     * @param dir  the identity of the candidate's directory
     * @return true if the candidate is (or may yet be) the copy of one of {@code open}, so it must wait
     */
    boolean ofOpenFile(
            FileChannel candidate, long size, String fp, String dir, Collection<TailedFile> open)
            throws IOException {
        for (TailedFile f : open) {
            if (f.fingerprint().equals(fp)
                    && dir != null
                    && dir.equals(f.dir())
                    && copyOf(candidate, size, f)) {
                return true;
            }
        }
        return false;
    }

    private boolean copyOf(FileChannel candidate, long size, TailedFile original)
            throws IOException {
        FileChannel ch = original.channel();
        long originalSize = ch.size();
        if (originalSize < original.offset()
                || !Fingerprint.matches(ch, original.fingerprint(), scratch)) {
            return true; // truncated, not seen by the reader yet: undecided until the next scan
        }
        if (size > originalSize) {
            return false;
        }
        int len = (int) Math.min(Fingerprint.BYTES, size);
        long from = size - len;
        return Fingerprint.readAt(candidate, from, mine, len) == len
                && Fingerprint.readAt(ch, from, theirs, len) == len
                && Arrays.equals(mine, 0, len, theirs, 0, len);
    }
}
