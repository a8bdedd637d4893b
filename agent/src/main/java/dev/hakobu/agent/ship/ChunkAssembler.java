package dev.hakobu.agent.ship;

import dev.hakobu.event.EntryWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects entries of one tag until the chunk is full or old enough. Reader thread only. A chunk's entries
 * never exceed {@code max_bytes}: a record that would push them over goes into the next chunk
 * ({@link #fits}); only a single record larger than {@code max_bytes} makes a chunk of its own that does.
 * Receivers count on it (Fluent Bit 4.2's in_forward drops, after acking, a compressed chunk that inflates
 * to more than its Buffer_Chunk_Size).
 * A fresh buffer per chunk: a sealed chunk's bytes stay untouched until it is acknowledged. The first
 * chunk of a tag starts small (a tag per file name means many assemblers, most of them quiet); later
 * ones start at the size the previous chunk reached, so a busy tag does not regrow its buffer.
 */
public final class ChunkAssembler {
    private final String tag;
    private final int maxBytes;
    private final long flushNanos;
    private EntryWriter entries;
    private final Map<String, SealedChunk.Mark> marks = new LinkedHashMap<>();
    private long firstAt;
    private String lastKey;
    private String lastCheck;
    private long lastEnd;

    private final ChunkBuffers buffers;

    public ChunkAssembler(String tag, BatchConfig config, ChunkBuffers buffers) {
        this.tag = tag;
        this.buffers = buffers;
        this.maxBytes = config.maxBytes().intBytes();
        this.flushNanos = config.flushInterval().toNanos();
    }

    /**
     * Adds one record; {@code now} is a monotonic nano time.
     * @param key the position key of the file the line came from (see {@link Positions}), with
     *     {@code fileCheck} stored beside its offset
     */
    public void add(
            long eventNanos,
            byte[] record,
            int off,
            int len,
            String key,
            String fileCheck,
            long endOffset,
            long now) {
        if (entries == null) {
            entries = new EntryWriter(buffers.take());
            firstAt = now;
        }
        entries.add(eventNanos, record, off, len);
        if (key != lastKey) { // the same String instance while lines come from one file: no map
            // lookup per line
            keepLast();
            lastKey = key;
        }
        lastCheck = fileCheck;
        lastEnd = endOffset;
    }

    /** A position to commit with this chunk that no line carries (e.g. what a truncated file held). */
    public void addMark(String key, String fileCheck, long endOffset) {
        keepLast();
        lastKey = null;
        marks.put(key, new SealedChunk.Mark(key, fileCheck, endOffset));
    }

    private void keepLast() {
        if (lastKey != null) {
            marks.put(lastKey, new SealedChunk.Mark(lastKey, lastCheck, lastEnd));
        }
    }

    /**
     * True if a record of {@code recordLength} bytes can join this chunk without its entries exceeding
     * {@code max_bytes}; always true for an empty chunk. Seal the chunk first when false.
     */
    public boolean fits(int recordLength) {
        return entries == null
                || entries.count() == 0
                || entries.size() + EntryWriter.entryLength(recordLength) <= maxBytes;
    }

    /** Bytes of entries held (0 when empty). */
    public int size() {
        return entries == null ? 0 : entries.size();
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
        keepLast();
        lastKey = null;
        SealedChunk chunk =
                new SealedChunk(
                        id,
                        tag,
                        entries.array(),
                        entries.size(),
                        entries.count(),
                        new ArrayList<>(marks.values()));
        entries = null;
        marks.clear();
        return chunk;
    }
}
