package dev.hakobu.agent.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * What a file starts with: CRC32 of its first {@value #BYTES} bytes (or all of them while it is shorter),
 * written {@code len:crc}. Together with device and inode it tells a file from a new one that reuses
 * the inode, and a copytruncate copy from a new file. Bytes at the start of a log never change, so a
 * fingerprint of fewer bytes is re-taken as the file grows and still matches the same file.
 */
final class Fingerprint {
    static final int BYTES = 1024;
    static final String NONE = "0:0";

    private Fingerprint() {}

    /** The fingerprint of the first {@code min(BYTES, size)} bytes. */
    static String of(FileChannel channel, long size, byte[] scratch) throws IOException {
        int len = (int) Math.min(BYTES, size);
        return len == 0 ? NONE : over(channel, len, scratch);
    }

    /** True if the file starts with the bytes {@code fingerprint} was taken of. */
    static boolean matches(FileChannel channel, String fingerprint, byte[] scratch)
            throws IOException {
        int len = length(fingerprint);
        if (len <= 0) {
            return len == 0;
        }
        return channel.size() >= len && fingerprint.equals(over(channel, len, scratch));
    }

    /**
     * Checks that the file still starts with the bytes {@code fingerprint} was taken of and, if those were
     * fewer than {@value #BYTES} and the file has grown, takes it again over more bytes: both from one read,
     * so a file truncated between two looks is never taken for the same file grown.
     * @return the fingerprint to keep, or null if the file no longer starts with those bytes
     */
    static String extend(FileChannel channel, String fingerprint, byte[] scratch)
            throws IOException {
        int len = length(fingerprint);
        if (len < 0) {
            return null;
        }
        int got = readStart(channel, (int) Math.min(BYTES, channel.size()), scratch);
        if (got < len || !fingerprint.equals(crc(scratch, len))) {
            return null;
        }
        return got == len ? fingerprint : crc(scratch, got);
    }

    static int length(String fingerprint) {
        int colon = fingerprint.indexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(fingerprint.substring(0, colon));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean isFull(String fingerprint) {
        return length(fingerprint) == BYTES;
    }

    private static String over(FileChannel channel, int len, byte[] scratch) throws IOException {
        if (readStart(channel, len, scratch) < len) {
            return "-1:0"; // shrank meanwhile: matches nothing
        }
        return crc(scratch, len);
    }

    /** Reads up to {@code want} bytes from the file's start; fewer if it ends first. */
    private static int readStart(FileChannel channel, int want, byte[] scratch) throws IOException {
        return readAt(channel, 0, scratch, want);
    }

    /** Reads up to {@code want} bytes at {@code pos} into {@code buf}'s start; fewer if the file ends first. */
    static int readAt(FileChannel channel, long pos, byte[] buf, int want) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, want);
        while (b.hasRemaining()) {
            if (channel.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        return b.position();
    }

    private static String crc(byte[] bytes, int len) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, len);
        return len + ":" + Long.toHexString(crc.getValue());
    }
}
