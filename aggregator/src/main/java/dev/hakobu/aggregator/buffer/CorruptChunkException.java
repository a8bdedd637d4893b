package dev.hakobu.aggregator.buffer;

import java.nio.file.Path;

/** A chunk file that cannot be read back: not a torn tail, but damage in the middle or in its header. */
public final class CorruptChunkException extends Exception {
    private final transient Path file;
    private final long offset;

    public CorruptChunkException(Path file, long offset, String reason) {
        super(file + " at byte " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
