package dev.hakobu.bench.parquet;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Story S1's API log over whole days, cut into chunks the way the aggregator's disk buffer cuts them: one
 * open chunk per {@code dt} partition (a UTC day here), closed once it holds {@code chunkBytes} of entries
 * or {@code chunkRecords} events. Records arrive in time order, evenly spaced over each day; record
 * {@code i} (counted from the first day) is the same in every run ({@link S1Generator#pack}).
 *
 * <p>The buffer's third bound, {@code max_age}, is left out: it would close S1's real trickle (a few events
 * a second) into tiny chunks; this models an aggregator busy enough that chunks close on size, the case
 * row-group and page statistics are meant for.
 *
 * @param days         days from 2020-08-01 (UTC)
 * @param perDay       events a day
 * @param cameras      distinct {@code camera_id} values, drawn uniformly
 * @param chunkBytes   the buffer's {@code chunk_bytes}
 * @param chunkRecords the buffer's {@code chunk_records}
 */
record S1Days(int days, int perDay, int cameras, long chunkBytes, int chunkRecords) {
    static final long DAY_NANOS = 86_400L * 1_000_000_000L;

    /** Receives each chunk in order; the chunk's entries are only valid during the call. */
    interface ChunkSink {
        void accept(Chunk chunk) throws Exception;
    }

    /** One generated event: its time, camera and msgpack record. */
    private record Event(long nanos, String camera, byte[] record) {}

    /** Events of {@code camera} in the whole data set (what the story's query must return). */
    long count(String camera) {
        long n = 0;
        for (long i = 0; i < (long) days * perDay; i++) {
            if (S1Generator.camera(i, cameras).equals(camera)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Hands every chunk to {@code sink}. With {@code sorted}, each chunk's events are ordered by camera id
     * (as bytes, the order Parquet's statistics use), then time, before they are handed on: what a writer
     * sorting each object would store. Which events make a chunk does not change.
     */
    void forEachChunk(boolean sorted, ChunkSink sink) throws Exception {
        int chunkNumber = 0;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            for (int day = 0; day < days; day++) {
                long dayStart = S1Generator.START_NANOS + day * DAY_NANOS;
                List<Event> events = new ArrayList<>();
                long bytes = 0;
                for (int j = 0; j < perDay; j++) {
                    long i = (long) day * perDay + j;
                    long nanos = dayStart + j * (DAY_NANOS / perDay);
                    byte[] record = S1Generator.pack(p, i, nanos, cameras);
                    events.add(new Event(nanos, S1Generator.camera(i, cameras), record));
                    bytes += EntryWriter.entryLength(record.length);
                    if (bytes >= chunkBytes || events.size() >= chunkRecords) {
                        sink.accept(chunk(chunkNumber++, events, sorted));
                        events.clear();
                        bytes = 0;
                    }
                }
                if (!events.isEmpty()) {
                    sink.accept(
                            chunk(chunkNumber++, events, sorted)); // the day's last, partly filled
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Chunk chunk(int number, List<Event> events, boolean sorted) {
        List<Event> order = events;
        if (sorted) {
            order = new ArrayList<>(events);
            // camera ids are ASCII: String order is the unsigned byte order of Parquet's statistics
            order.sort(Comparator.comparing(Event::camera).thenComparingLong(Event::nanos));
        }
        int size = 0;
        for (Event e : order) {
            size += EntryWriter.entryLength(e.record().length);
        }
        EntryWriter entries = new EntryWriter(size);
        for (Event e : order) {
            entries.add(e.nanos(), e.record(), 0, e.record().length);
        }
        return new Chunk(
                String.format("c%05d", number),
                "app.api",
                entries.array(),
                0,
                entries.size(),
                entries.count());
    }
}
