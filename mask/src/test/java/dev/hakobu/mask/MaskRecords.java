package dev.hakobu.mask;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.event.MsgpackReader;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Records through the masker's chunk path, as the aggregator masks them: packed as a client would send
 * them (every string as msgpack str, or as bin like clients of the old msgpack "raw" type), masked, and
 * read back.
 */
final class MaskRecords {
    private MaskRecords() {}

    /** The record as msgpack; with {@code binary}, every string (keys too) is packed as bin. */
    static byte[] pack(Object record, boolean binary) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(record, p, binary);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pack(Object v, MessagePacker p, boolean binary) throws IOException {
        if (v instanceof String s && binary) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pack(String.valueOf(e.getKey()), p, binary);
                pack(e.getValue(), p, binary);
            }
        } else if (v instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object item : l) {
                pack(item, p, binary);
            }
        } else if (v instanceof Long n) {
            p.packLong(n);
        } else if (v instanceof Integer n) {
            p.packLong(n);
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v == null) {
            p.packNil();
        } else {
            throw new IllegalArgumentException("cannot pack " + v.getClass());
        }
    }

    /** The records, one chunk, through {@link Masker#mask(Chunk)}: the masked records' msgpack bytes. */
    static List<byte[]> maskChunk(Masker masker, List<byte[]> records) {
        EntryWriter entries = new EntryWriter(1024);
        for (byte[] r : records) {
            entries.add(1_597_371_754_000_000_000L, r, 0, r.length);
        }
        Chunk masked =
                masker.mask(
                        new Chunk(
                                "c",
                                "app.api",
                                entries.array(),
                                0,
                                entries.size(),
                                entries.count()));
        List<byte[]> out = new ArrayList<>();
        EntryReader.read(
                masked.entries(),
                masked.offset(),
                masked.length(),
                (nanos, buf, off, len) ->
                        out.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
        return out;
    }

    static byte[] maskChunk(Masker masker, byte[] record) {
        return maskChunk(masker, List.of(record)).get(0);
    }

    /** One record through {@link Masker#mask(byte[], int, int)}, the agent's per-record path. */
    static byte[] maskRecord(Masker masker, byte[] record) {
        Masker.MaskedRecord r = masker.mask(record, 0, record.length);
        return java.util.Arrays.copyOfRange(r.array(), r.offset(), r.offset() + r.length());
    }

    static Object read(byte[] record) {
        try {
            return new MsgpackReader().read(record, 0, record.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
