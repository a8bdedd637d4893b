package dev.hakobu.agent.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open file and how far it has been read. Reader thread only. Reads with positional reads, so the
 * offset is ours: {@code offset} is always at a line start and moves past a line only when the line is
 * handed to the sink. Memory per file is a few fields: bytes live in the shared {@link ReadBuffer}.
 *
 * <p>Hard input: a line longer than {@code max_line_bytes} is handed on truncated (or skipped) and the rest
 * of it up to its newline is discarded without buffering it; a last line without a newline is handed on
 * once the file has not grown for {@code partial_line_wait}, and the offset moves past it, so the bytes are
 * not sent again when the newline arrives. A file that shrinks below the offset, or whose first bytes no
 * longer match its fingerprint ({@link FirstBytes}), was truncated: reading restarts at 0.
 */
public final class TailedFile {
    private static final Logger log = LoggerFactory.getLogger(TailedFile.class);
    private final String key;
    private final TailSource source;
    private final String tag;
    private final FileChannel channel;
    private final int maxLine;
    private final long partialWaitNanos;
    private final FirstBytes first;
    private Path path;
    private String dir;
    private long offset;
    private long readPos;
    private boolean skipping;
    private long lastSize = -1;
    private long grewAt;
    private long rotatedAt = Long.MIN_VALUE;

    /** @param dir the identity of the file's directory ({@link #keyOf} of its parent) */
    TailedFile(
            Path path,
            String key,
            String dir,
            TailSource source,
            FileChannel channel,
            String fingerprint,
            long offset,
            long now) {
        this.path = path;
        this.key = key;
        this.dir = dir;
        this.source = source;
        this.tag = TagTemplate.resolve(source.config.tag(), path);
        this.channel = channel;
        this.first =
                new FirstBytes(channel, fingerprint, source.config.pollInterval().toNanos(), now);
        this.maxLine = source.config.maxLineBytes().intBytes();
        this.partialWaitNanos = source.config.partialLineWait().toNanos();
        this.offset = offset;
        this.readPos = offset;
        this.grewAt = now;
    }

    static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /**
     * The identity of the file (or directory) behind a path: device and inode on Linux, where the JDK's file
     * key is {@code (dev=...,ino=...)}; the path itself where there is no file key. Null if it is gone.
     */
    static String keyOf(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key == null ? path.toString() : key.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads what is available once (at most one buffer) and hands every complete line to {@code sink}.
     * @param now monotonic nanos from the reader's clock, for the partial-line wait
     * @return bytes consumed (0 at the end of the file, or when only a line without its newline is
     *     left); positive also when the buffer grew to hold a long line, which is read on the next call,
     *     and when the file was found truncated, which is read from 0 on the next call
     */
    int read(LineSink sink, ReadBuffer rb, long now) throws IOException {
        return read(sink, rb, now, false);
    }

    /** Hands on everything, a last line without newline too, before the file is released. */
    void drain(LineSink sink, ReadBuffer rb) throws IOException {
        while (read(sink, rb, grewAt, true) > 0) {
            // until the end
        }
    }

    private int read(LineSink sink, ReadBuffer rb, long now, boolean final_) throws IOException {
        long size = channel.size();
        if (size != lastSize) {
            grewAt = now;
            lastSize = size;
        }
        if (size < readPos) {
            return restartTruncated(sink, rb);
        }
        if (size == readPos) {
            boolean look = final_ || first.idleCheckDue(now);
            return look && !first.stillSame(rb.fingerprint, now) ? restartTruncated(sink, rb) : 0;
        }
        byte[] buf = rb.bytes;
        boolean young = !Fingerprint.isFull(first.fingerprint());
        int n = fill(buf, (int) Math.min(buf.length, size - readPos));
        if (!first.stillSame(rb.fingerprint, now)) { // after the read, not before: see FirstBytes
            return restartTruncated(sink, rb);
        }
        if (young && offset == 0 && !skipping && Fingerprint.isFull(first.fingerprint())) {
            // nothing handed on yet, so closing it forgets nothing: it may be a copy found empty
            long from = sink.fingerprinted(this);
            if (from != offset) {
                // a copytruncate copy: closed to wait for its original, or read on from where the
                // original was
                if (from > offset) {
                    offset = readPos = from;
                }
                return 1;
            }
        }
        if (n <= 0) {
            return 0;
        }
        long base = readPos;
        int lineStart = 0;
        if (skipping) {
            int nl = Newlines.next(buf, 0, n);
            if (nl < 0) {
                readPos += n;
                return n;
            }
            skipping = false;
            lineStart = nl + 1;
            rb.shrink();
        }
        for (int i = Newlines.next(buf, lineStart, n);
                i >= 0;
                i = Newlines.next(buf, lineStart, n)) {
            int end = i > lineStart && buf[i - 1] == '\r' ? i - 1 : i;
            if (end - lineStart > maxLine) {
                tooLong(sink, buf, lineStart, base + i + 1);
            } else if (end > lineStart) {
                sink.line(this, buf, lineStart, end - lineStart, base + i + 1, false);
            }
            lineStart = i + 1;
        }
        offset = base + lineStart;
        readPos = offset;
        int rest = n - lineStart;
        if (rest == buf.length) {
            return longLine(sink, rb, n);
        } else if (rest > 0 && base + n == size && (final_ || now - grewAt >= partialWaitNanos)) {
            sink.line(this, buf, lineStart, rest, size, false); // a last line without its newline
            offset = readPos = size;
        }
        return (int) (readPos - base);
    }

    /** The buffer holds one line and no newline: grow to hold max_line_bytes, or give up on the line. */
    private int longLine(LineSink sink, ReadBuffer rb, int n) {
        if (rb.bytes.length <= maxLine) {
            rb.growTo(maxLine + 1); // the line is read again next time, whole or up to the limit
            return 1;
        }
        // resume point stays at the line's start: its end is not known yet (a crash here re-sends
        // it)
        tooLong(sink, rb.bytes, 0, offset);
        skipping = true;
        readPos = offset + n;
        return n;
    }

    private void tooLong(LineSink sink, byte[] buf, int start, long endOffset) {
        boolean skip = source.config.longLines() == LongLineMode.SKIP;
        source.counters.tooLong(skip);
        log.warn(
                "{}: a line at offset {} is longer than max_line_bytes ({}), {}",
                path,
                endOffset,
                maxLine,
                skip ? "skipped" : "truncated");
        if (!skip) {
            sink.line(this, buf, start, maxLine, endOffset, true);
        }
    }

    /** @return 1: nothing handed on, but reading goes on from 0 on the next call */
    private int restartTruncated(LineSink sink, ReadBuffer rb) throws IOException {
        log.info(
                "{}: truncated (size {} below offset {}, or its first bytes changed), reading it again from 0",
                path,
                channel.size(),
                readPos);
        Truncation before = first.truncated(offset, dir, rb.fingerprint);
        offset = readPos = 0;
        skipping = false;
        sink.truncated(this, before);
        return 1;
    }

    private int fill(byte[] buf, int want) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, want);
        while (b.hasRemaining()) {
            int r = channel.read(b, readPos + b.position());
            if (r <= 0) {
                break;
            }
        }
        return b.position();
    }

    public Path path() {
        return path;
    }

    void renamedTo(Path newPath, String newDir) {
        path = newPath;
        dir = newDir;
        rotatedAt = Long.MIN_VALUE;
    }

    /** Its path no longer names it (renamed away or deleted); reading goes on until it is idle. */
    void rotated(long now) {
        if (rotatedAt == Long.MIN_VALUE) {
            rotatedAt = now;
        }
    }

    boolean isRotated() {
        return rotatedAt != Long.MIN_VALUE;
    }

    /** Rotated and without new bytes for {@code wait} nanos. */
    boolean idleFor(long wait, long now) {
        return isRotated() && now - grewAt >= wait;
    }

    public String key() {
        return key;
    }

    String fingerprint() {
        return first.fingerprint();
    }

    /** The identity of the directory the file is in (where a copytruncate copy of it would be made). */
    String dir() {
        return dir;
    }

    /** For positional reads that leave the read offset alone (see {@link Copies}). */
    FileChannel channel() {
        return channel;
    }

    String tag() {
        return tag;
    }

    TailSource source() {
        return source;
    }

    long size() throws IOException {
        return channel.size();
    }

    long offset() {
        return offset;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a read-only channel loses nothing
        }
    }
}
