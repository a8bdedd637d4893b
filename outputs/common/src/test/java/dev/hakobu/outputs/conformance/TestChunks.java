package dev.hakobu.outputs.conformance;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Chunks built from plain maps, as the aggregator's buffer would hand them to an output. */
public final class TestChunks {
    /** A record and its event time. */
    public record Event(long epochNanos, Map<String, ?> record) {}

    private TestChunks() {}

    public static Chunk chunk(String id, String tag, List<Event> events) {
        try {
            EntryWriter entries = new EntryWriter(1024);
            for (Event e : events) {
                byte[] record = pack(e.record());
                entries.add(e.epochNanos(), record, 0, record.length);
            }
            return new Chunk(id, tag, entries.array(), 0, entries.size(), entries.count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] pack(Map<String, ?> record) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        packValue(p, record);
        return p.toByteArray();
    }

    private static void packValue(MessageBufferPacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Integer || v instanceof Long) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof java.math.BigInteger b) {
            p.packBigInteger(b);
        } else if (v instanceof Number n) {
            p.packDouble(n.doubleValue());
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                p.packString(e.getKey().toString());
                packValue(p, e.getValue());
            }
        } else if (v instanceof List<?> list) {
            p.packArrayHeader(list.size());
            for (Object element : list) {
                packValue(p, element);
            }
        } else {
            throw new IllegalArgumentException("cannot pack " + v.getClass());
        }
    }
}
