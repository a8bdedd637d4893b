package dev.hakobu.testing;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Chunks for output tests: one record {@code {"seq": i, "t": <time>}} per ISO-8601 time, at that event time. */
public final class TestChunks {
    private TestChunks() {}

    public static Chunk at(String id, String tag, String... isoTimes) {
        EntryWriter entries = new EntryWriter(1024);
        int seq = 0;
        for (String t : isoTimes) {
            try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                p.packMapHeader(2).packString("seq").packInt(seq++).packString("t").packString(t);
                byte[] record = p.toByteArray();
                OffsetDateTime time = OffsetDateTime.parse(t);
                entries.add(
                        time.toEpochSecond() * 1_000_000_000L + time.getNano(),
                        record,
                        0,
                        record.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Chunk(id, tag, entries.array(), 0, entries.size(), entries.count());
    }
}
