package dev.hakobu.outputs.parquet;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Story S1's API-log records as a chunk: the story's three lines among generated ones of other cameras. */
final class S1Records {
    private S1Records() {}

    /** A record of the story's shape, at {@code timestamp}; {@code parameter} may be null. */
    static Map<String, Object> apiCall(
            String timestamp,
            String camera,
            String api,
            String method,
            String parameter,
            String user) {
        java.util.LinkedHashMap<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("timestamp", timestamp);
        record.put("camera_id", camera);
        record.put("api", api);
        record.put("method", method);
        record.put("parameter", parameter);
        record.put("user", user);
        record.put("ua", "chrome");
        return record;
    }

    /** The chunk of {@code records}, each at the event time of its {@code timestamp}. */
    static Chunk chunk(String id, String tag, java.util.List<Map<String, Object>> records) {
        EntryWriter entries = new EntryWriter(1024);
        for (Map<String, Object> record : records) {
            byte[] bytes = pack(record);
            OffsetDateTime time = OffsetDateTime.parse((String) record.get("timestamp"));
            entries.add(
                    time.toEpochSecond() * 1_000_000_000L + time.getNano(), bytes, 0, bytes.length);
        }
        return new Chunk(id, tag, entries.array(), 0, entries.size(), entries.count());
    }

    static byte[] pack(Map<String, Object> record) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            packValue(p, record);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void packValue(MessageBufferPacker p, Object value) throws IOException {
        if (value == null) {
            p.packNil();
        } else if (value instanceof String s) {
            p.packString(s);
        } else if (value instanceof Long l) {
            p.packLong(l);
        } else if (value instanceof Integer i) {
            p.packInt(i);
        } else if (value instanceof java.math.BigInteger b) {
            p.packBigInteger(b);
        } else if (value instanceof Double d) {
            p.packDouble(d);
        } else if (value instanceof Boolean b) {
            p.packBoolean(b);
        } else if (value instanceof byte[] bytes) {
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        } else if (value instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                p.packString(e.getKey());
                packValue(p, e.getValue());
            }
        } else if (value instanceof java.util.List<?> list) {
            p.packArrayHeader(list.size());
            for (Object o : list) {
                packValue(p, o);
            }
        } else {
            throw new IllegalArgumentException("cannot pack " + value.getClass());
        }
    }
}
