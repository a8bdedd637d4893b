package dev.hakobu.core.mask;

import dev.hakobu.core.forward.EntryReader;
import dev.hakobu.core.forward.EntryWriter;
import dev.hakobu.core.msgpack.GrowableOutput;
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
            c.out.reset();
            maskRecord(c, buf, off, len);
            out.add(nanos, c.out.array(), 0, c.out.size());
        });
        return new Chunk(chunk.id(), chunk.tag(), out.array(), 0, out.size(), out.count());
    }

    /** Masks one msgpack record into {@code c.out}; a record that is not a map is copied unchanged. */
    @SuppressWarnings("unchecked")
    private void maskRecord(Codec c, byte[] buf, int off, int len) {
        try {
            Object value = c.reader.read(buf, off, len);
            if (value instanceof Map<?, ?> map) {
                MsgpackValues.pack(apply((Map<String, Object>) map), c.packer);
                c.packer.flush();
                return;
            }
        } catch (IOException | RuntimeException e) {
            // undecodable: fall through and keep the bytes (the forward decoder already checked the frame)
        }
        c.out.write(buf, off, len);
    }

    /** Per-thread decoding and encoding state. */
    private static final class Codec {
        final MsgpackReader reader = new MsgpackReader();
        final GrowableOutput out = new GrowableOutput(4096);
        final MessagePacker packer = MessagePack.newDefaultPacker(out);
    }
}
