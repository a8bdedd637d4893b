package dev.hakobu.agent.ship;

import dev.hakobu.core.forward.EntryWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects entries of one tag until the chunk is full or old enough. Reader thread only.
 * A fresh buffer per chunk: a sealed chunk's bytes stay untouched until it is acknowledged.
 */
public final class ChunkAssembler {
    private final String tag;
    private final int maxBytes;
    private final long flushNanos;
    private EntryWriter entries;
    private final Map<String, SealedChunk.Mark> marks = new LinkedHashMap<>();
    private long firstAt;

    public ChunkAssembler(String tag, BatchConfig config) {
        this.tag = tag;
        this.maxBytes = config.maxBytes().intBytes();
        this.flushNanos = config.flushInterval().toNanos();
    }

    /** Adds one record; {@code now} is a monotonic nano time. */
    public void add(long eventNanos, byte[] record, int off, int len, String path, String fileKey, long endOffset, long now) {
        if (entries == null) {
            entries = new EntryWriter(maxBytes + maxBytes / 8);
            firstAt = now;
        }
        entries.add(eventNanos, record, off, len);
        marks.put(path, new SealedChunk.Mark(path, fileKey, endOffset));
    }

    public boolean isEmpty() {
        return entries == null || entries.count() == 0;
    }

    public boolean full() {
        return entries != null && entries.size() >= maxBytes;
    }

    public boolean due(long now) {
        return !isEmpty() && (full() || now - firstAt >= flushNanos);
    }

    /** Nanos until this chunk is due, or {@code Long.MAX_VALUE} when empty. */
    public long nanosUntilDue(long now) {
        return isEmpty() ? Long.MAX_VALUE : Math.max(0, firstAt + flushNanos - now);
    }

    public SealedChunk seal(String id) {
        SealedChunk chunk = new SealedChunk(id, tag, entries.array(), entries.size(), entries.count(),
                new ArrayList<>(marks.values()));
        entries = null;
        marks.clear();
        return chunk;
    }
}
