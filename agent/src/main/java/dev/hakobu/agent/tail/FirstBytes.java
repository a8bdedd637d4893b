package dev.hakobu.agent.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * What one tailed file starts with (its {@link Fingerprint}) and the check that it still does: a file that
 * no longer starts with those bytes was truncated (copytruncate, or rewritten in place) and is read again
 * from 0. A young file's fingerprint, taken of fewer than {@value Fingerprint#BYTES} bytes, grows with the
 * file, from the same read that checks it. Reader thread only.
 *
 * <p>When to check: after every read of new bytes (a check before the read would pass bytes read while the
 * file was being truncated and rewritten off as the old content), and on an idle file once per
 * {@code poll_interval} (a file rewritten to exactly the length read so far shows only in its first bytes).
 */
final class FirstBytes {
    private final FileChannel channel;
    private final long idleCheckNanos;
    private String fingerprint;
    private long checkedAt;

    /** @param now monotonic nanos: the first idle check is due {@code idleCheckNanos} later */
    FirstBytes(FileChannel channel, String fingerprint, long idleCheckNanos, long now) {
        this.channel = channel;
        this.fingerprint = fingerprint;
        this.idleCheckNanos = idleCheckNanos;
        this.checkedAt = now;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** True if an idle file is due for a check. */
    boolean idleCheckDue(long now) {
        return now - checkedAt >= idleCheckNanos;
    }

    /** True if the file still starts with the fingerprint's bytes; extends a young file's fingerprint. */
    boolean stillSame(byte[] scratch, long now) throws IOException {
        String checked = Fingerprint.extend(channel, fingerprint, scratch);
        if (checked == null) {
            return false;
        }
        fingerprint = checked;
        checkedAt = now;
        return true;
    }

    /**
     * After a truncation: takes the fingerprint of what the file holds now.
     * @param dir the identity of the file's directory, where its copy would be
     * @return what the file held before, read to {@code offset}
     */
    Truncation truncated(long offset, String dir, byte[] scratch) throws IOException {
        Truncation before = new Truncation(fingerprint, offset, dir);
        fingerprint = Fingerprint.of(channel, channel.size(), scratch);
        return before;
    }
}
