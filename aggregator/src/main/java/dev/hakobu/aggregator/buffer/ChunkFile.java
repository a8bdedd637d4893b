package dev.hakobu.aggregator.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only chunk file (format: {@link ChunkFormat}). Threading: {@link #append} is called by one
 * thread at a time (the buffer's lock); {@link #syncTo} by any thread, outside that lock, so appends that
 * wait for the disk together share one fsync (group commit). {@link #read} reads what was appended.
 */
final class ChunkFile {
    /** The most written from a heap array in one call (see {@link #append}). */
    private static final int WRITE_SLICE = 256 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final Object syncLock = new Object();
    private volatile long written;
    private long synced; // guarded by syncLock
    private boolean closed; // guarded by syncLock

    private ChunkFile(Path path, FileChannel channel, long written) {
        this.path = path;
        this.channel = channel;
        this.written = written;
        this.synced = written;
    }

    /** Creates the file with its header, fsyncs file and directory (so the name survives a crash). */
    static ChunkFile create(Path dir, ChunkHeader header, boolean fsync) throws IOException {
        Path path = dir.resolve(header.id() + DiskBuffer.SUFFIX);
        FileChannel ch =
                FileChannel.open(
                        path,
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
        try {
            writeFully(ch, ByteBuffer.wrap(ChunkFormat.header(header)), 0);
            if (fsync) {
                ch.force(true);
                syncDirectory(dir);
            }
            return new ChunkFile(path, ch, ch.size());
        } catch (IOException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Opens a recovered file whose good bytes end at {@code goodEnd} (anything after it was cut by recovery). */
    static ChunkFile reopen(Path path, long goodEnd) throws IOException {
        return new ChunkFile(
                path,
                FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ),
                goodEnd);
    }

    /**
     * Appends one batch at the end; on failure (a full disk) cuts the file back to where it was, so the
     * file never keeps half a batch it did not report.
     *
     * @return the file length after the batch, to pass to {@link #syncTo}
     */
    long append(byte[] head, byte[] entries, int off, int len) throws IOException {
        long at = written;
        try {
            writeFully(channel, ByteBuffer.wrap(head), at);
            // in slices: a heap buffer goes through a temporary direct buffer of its size, which
            // the
            // JDK keeps cached per thread; a 64 MiB batch written whole would pin 64 MiB of native
            // memory on every ingest worker that ever wrote one
            long pos = at + head.length;
            for (int done = 0; done < len; ) {
                int n = Math.min(WRITE_SLICE, len - done);
                writeFully(channel, ByteBuffer.wrap(entries, off + done, n), pos);
                pos += n;
                done += n;
            }
        } catch (IOException e) {
            try {
                channel.truncate(at);
            } catch (IOException ignored) {
                // recovery cuts the torn tail on the next start; reads stop at 'written' meanwhile
            }
            throw e;
        }
        written = at + head.length + len;
        return written;
    }

    /** Returns once bytes up to {@code end} are on disk; one fsync covers every append before it. */
    void syncTo(long end) throws IOException {
        synchronized (syncLock) {
            if (closed || synced >= end) {
                return; // closed: delivered, dead-lettered or dropped meanwhile; nothing left to
                // make durable
            }
            long target = written;
            try {
                channel.force(false);
            } catch (ClosedChannelException e) {
                return;
            }
            synced = target;
        }
    }

    long length() {
        return written;
    }

    Path path() {
        return path;
    }

    /** The bytes appended so far (never a half-written batch). */
    byte[] read() throws IOException {
        long len = written;
        if (len > Integer.MAX_VALUE - 8) {
            throw new IOException(path + ": chunk of " + len + " bytes is too large to read");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) len);
        while (buf.hasRemaining()) {
            if (channel.read(buf, buf.position()) < 0) {
                throw new IOException(path + ": shorter than its " + len + " appended bytes");
            }
        }
        return buf.array();
    }

    void close() {
        synchronized (syncLock) {
            closed = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to flush: appends were written (and synced per policy) before they
                // returned
            }
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long position)
            throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }
}
