package dev.hakobu.core.mask;

import dev.hakobu.core.forward.EntryReader;
import dev.hakobu.core.forward.EntryWriter;
import dev.hakobu.core.msgpack.GrowableOutput;
import dev.hakobu.core.msgpack.MapHeader;
import dev.hakobu.core.msgpack.MsgpackReader;
import dev.hakobu.core.msgpack.MsgpackValues;
import dev.hakobu.core.output.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * A compiled list of masking rules, applied in order to each record. See the package contract.
 * Masking is deterministic, so a chunk masked twice (a resend) gives the same bytes and keeps its id.
 */
public final class Masker {
    private static final Masker NONE = new Masker(List.of());
    private final List<MaskRule> rules;
    private final ThreadLocal<Codec> codec = ThreadLocal.withInitial(Codec::new);

    private Masker(List<MaskRule> rules) {
        this.rules = rules;
    }

    public static Masker of(List<MaskRuleConfig> configs) {
        if (configs.isEmpty()) {
            return NONE;
        }
        List<MaskRule> rules = new ArrayList<>();
        configs.forEach(c -> rules.add(new MaskRule(c)));
        return new Masker(List.copyOf(rules));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The record with every rule applied, as a plain map (for tests and for callers that need fields). */
    public Map<String, Object> apply(Map<String, Object> record) {
        for (MaskRule rule : rules) {
            rule.apply(record);
        }
        return record;
    }

    /** A chunk whose records are masked; same id and tag. The input chunk is not modified. */
    public Chunk mask(Chunk chunk) {
        if (rules.isEmpty()) {
            return chunk;
        }
        Codec c = codec.get();
        EntryWriter out = new EntryWriter(chunk.length() + 1024);
        EntryReader.read(chunk.entries(), chunk.offset(), chunk.length(), (nanos, buf, off, len) -> {
            int start = maskInto(c, buf, off, len);
            if (start < 0) {
                out.add(nanos, buf, off, len);
            } else {
                out.add(nanos, c.out.array(), start, c.out.size() - start);
            }
        });
        return new Chunk(chunk.id(), chunk.tag(), out.array(), 0, out.size(), out.count());
    }

    /**
     * Masks one msgpack record into {@code c.out} entry by entry: a top-level entry no rule can touch
     * is copied as raw bytes; only the others are decoded, masked and re-encoded. (Decoding whole
     * records into maps made masking the aggregator's main cost.) A record that is not a map, or
     * that cannot be decoded, is copied unchanged.
     */
    /** @return where the masked record starts in {@code c.out} (it ends at its size), or -1 to keep the input as it is */
    private int maskInto(Codec c, byte[] buf, int off, int len) {
        try {
            c.input.reset(buf, off, len);
            c.unpacker.reset(c.input);
            if (c.unpacker.getNextFormat().getValueType() != org.msgpack.value.ValueType.MAP) {
                return -1;
            }
            int n = c.unpacker.unpackMapHeader();
            c.out.reset();
            c.out.reserve(MapHeader.RESERVED);
            int kept = 0;
            for (int i = 0; i < n; i++) {
                int keyStart = (int) c.unpacker.getTotalReadBytes();
                String key = c.unpacker.getNextFormat().getValueType() == org.msgpack.value.ValueType.STRING
                        ? c.unpacker.unpackString() : String.valueOf(c.unpacker.unpackValue());
                int valueStart = (int) c.unpacker.getTotalReadBytes();
                c.unpacker.skipValue();
                int valueEnd = (int) c.unpacker.getTotalReadBytes();
                if (!touches(key, buf, off + valueStart, valueEnd - valueStart)) {
                    c.out.write(buf, off + keyStart, valueEnd - keyStart);
                    kept++;
                    continue;
                }
                Map<String, Object> entry = new java.util.LinkedHashMap<>(2);
                entry.put(key, c.reader.read(buf, off + valueStart, valueEnd - valueStart));
                for (Map.Entry<String, Object> e : apply(entry).entrySet()) {
                    c.packer.packString(e.getKey());
                    MsgpackValues.pack(e.getValue(), c.packer);
                    kept++;
                }
                c.packer.flush();
            }
            return MapHeader.patch(c.out.array(), MapHeader.RESERVED, kept);
        } catch (IOException | RuntimeException e) {
            return -1; // undecodable: keep the bytes (the forward decoder already checked the frame's shape)
        }
    }

    /** One masked record: {@code array[offset, offset+length)}, valid until the next call on this thread. */
    public record MaskedRecord(byte[] array, int offset, int length) {
    }

    /** Masks one msgpack record (the agent masks each line before it is chunked, when asked to). */
    public MaskedRecord mask(byte[] buf, int off, int len) {
        if (rules.isEmpty()) {
            return new MaskedRecord(buf, off, len);
        }
        Codec c = codec.get();
        int start = maskInto(c, buf, off, len);
        return start < 0 ? new MaskedRecord(buf, off, len) : new MaskedRecord(c.out.array(), start, c.out.size() - start);
    }

    private boolean touches(String key, byte[] buf, int off, int len) {
        for (MaskRule rule : rules) {
            if (rule.touches(key, buf, off, len)) {
                return true;
            }
        }
        return false;
    }

    /** Per-thread decoding and encoding state. */
    private static final class Codec {
        final org.msgpack.core.buffer.ArrayBufferInput input = new org.msgpack.core.buffer.ArrayBufferInput(new byte[0]);
        final org.msgpack.core.MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);
        final MsgpackReader reader = new MsgpackReader();
        final GrowableOutput out = new GrowableOutput(4096);
        final MessagePacker packer = MessagePack.newDefaultPacker(out);
    }
}
