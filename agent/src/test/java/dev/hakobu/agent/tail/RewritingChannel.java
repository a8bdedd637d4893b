package dev.hakobu.agent.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only channel over a real file that runs {@code rewrite} once, just before the first positional
 * read of more than a fingerprint's worth of bytes: a truncation that lands between the tailer's look at
 * the file's first bytes and its read of the data, which no real timing can place reliably.
 */
final class RewritingChannel extends FileChannel {
    interface Rewrite {
        void run() throws IOException;
    }

    private final FileChannel file;
    private Rewrite rewrite;

    RewritingChannel(FileChannel file, Rewrite rewrite) {
        this.file = file;
        this.rewrite = rewrite;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (rewrite != null && dst.remaining() > Fingerprint.BYTES) {
            Rewrite r = rewrite;
            rewrite = null;
            r.run();
        }
        return file.read(dst, position);
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }

    @Override
    public int read(ByteBuffer dst) {
        throw new UnsupportedOperationException("the tailer reads with positional reads only");
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src, long position) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long position() {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel position(long newPosition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void force(boolean metaData) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }
}
