package dev.hakobu.agent.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * One open file and how far it has been read. Reads with positional reads, so the offset is ours,
 * not the channel's; {@code offset} is always at a line start (the byte after a newline).
 */
public final class TailedFile {
    private static final int INITIAL_BUFFER = 256 * 1024;
    private static final int MAX_BUFFER = 64 * 1024 * 1024;
    private final Path path;
    private final String fileKey;
    private final TailSource source;
    private final FileChannel channel;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pending;
    private long offset;

    TailedFile(Path path, String fileKey, TailSource source, long offset) throws IOException {
        this.path = path;
        this.fileKey = fileKey;
        this.source = source;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.offset = offset;
    }

    /** The identity of the file behind a path (device and inode on Linux), or null if it is gone. */
    static String keyOf(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key == null ? path.toString() : key.toString();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads what is available once and hands every complete line to {@code sink}.
     * @return bytes read (0 at the end of the file)
     */
    int read(LineSink sink) throws IOException {
        if (channel.size() < offset + pending) {
            // truncated (copytruncate): start over from the beginning
            offset = 0;
            pending = 0;
        }
        if (pending == buf.length) {
            if (buf.length >= MAX_BUFFER) {
                throw new IOException(path + ": a line longer than " + MAX_BUFFER + " bytes at offset " + offset);
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(buf, pending, buf.length - pending), offset + pending);
        if (n <= 0) {
            return 0;
        }
        int total = pending + n;
        int lineStart = 0;
        for (int i = pending; i < total; i++) {
            if (buf[i] == '\n') {
                int end = i > lineStart && buf[i - 1] == '\r' ? i - 1 : i;
                if (end > lineStart) {
                    sink.line(this, buf, lineStart, end - lineStart, offset + i + 1);
                }
                lineStart = i + 1;
            }
        }
        offset += lineStart;
        pending = total - lineStart;
        System.arraycopy(buf, lineStart, buf, 0, pending);
        return n;
    }

    public Path path() {
        return path;
    }

    public String fileKey() {
        return fileKey;
    }

    TailSource source() {
        return source;
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
