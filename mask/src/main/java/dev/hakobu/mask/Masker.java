package dev.hakobu.mask;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.event.GrowableOutput;
import dev.hakobu.event.MapHeader;
import dev.hakobu.event.MsgpackReader;
import dev.hakobu.event.MsgpackValues;
import dev.hakobu.event.RecordFields;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
        applyAll(record);
        return record;
    }

    /** @return whether some rule changed the record */
    private boolean applyAll(Map<String, Object> record) {
        boolean changed = false;
        for (MaskRule rule : rules) {
            changed |= rule.apply(record);
        }
        return changed;
    }

    /**
     * A chunk whose records are masked; same id and tag. The input chunk is not modified, and is
     * returned itself when no rule changed any record.
     */
    public Chunk mask(Chunk chunk) {
        if (rules.isEmpty()) {
            return chunk;
        }
        Codec c = codec.get();
        Masked masked = new Masked(chunk);
        c.selector.startRegion(chunk.entries(), chunk.offset(), chunk.length());
        EntryReader.parse(
                chunk.entries(),
                chunk.offset(),
                chunk.length(),
                (nanos, buf, off, limit) -> {
                    c.start(buf);
                    int end = RecordFields.forEach(buf, off, limit - off, c);
                    if (c.keepsInput()) {
                        masked.keep(nanos, off, end - off);
                    } else {
                        int start = MapHeader.patch(c.out.array(), MapHeader.RESERVED, c.kept);
                        masked.changed().add(nanos, c.out.array(), start, c.out.size() - start);
                    }
                    return end;
                });
        return masked.out == null
                ? chunk
                : new Chunk(
                        chunk.id(),
                        chunk.tag(),
                        masked.out.array(),
                        0,
                        masked.out.size(),
                        masked.out.count(),
                        chunk.times());
    }

    /**
     * The masked chunk's entries, written only once a record changes: until then only where the kept records
     * are is noted, so a chunk no rule touches (most of them, and every record of a flood without the masked
     * field) costs a few ints per record instead of a copy of its entries.
     */
    private static final class Masked {
        private final Chunk chunk;
        private long[] nanos = new long[64];
        private int[] offsets = new int[64];
        private int[] lengths = new int[64];
        private int pending;
        EntryWriter out; // null until a record changed

        Masked(Chunk chunk) {
            this.chunk = chunk;
        }

        void keep(long epochNanos, int off, int len) {
            if (out != null) {
                out.add(epochNanos, chunk.entries(), off, len);
                return;
            }
            if (pending == nanos.length) {
                nanos = Arrays.copyOf(nanos, pending * 2);
                offsets = Arrays.copyOf(offsets, pending * 2);
                lengths = Arrays.copyOf(lengths, pending * 2);
            }
            nanos[pending] = epochNanos;
            offsets[pending] = off;
            lengths[pending] = len;
            pending++;
        }

        /** The writer for a changed record, holding every record kept before it. */
        EntryWriter changed() {
            if (out == null) {
                out = new EntryWriter(chunk.length() + 1024);
                for (int i = 0; i < pending; i++) {
                    out.add(nanos[i], chunk.entries(), offsets[i], lengths[i]);
                }
                nanos = null;
                offsets = null;
                lengths = null;
            }
            return out;
        }
    }

    /**
     * Masks one msgpack record into {@code c.out} field by field: a top-level field no rule can touch
     * is copied as raw bytes, judged on its key's bytes without decoding it; only the others are
     * decoded, masked and re-encoded. (Decoding whole records into maps, then every key into a
     * String, was the aggregator's main cost in turn.) A field a rule touches but that cannot be decoded
     * is masked whole; a record no rule changes, or that is not a map, is kept as it is.
     *
     * @return where the masked record starts in {@code c.out} (it ends at its size), or -1 to keep the input
     */
    private int maskInto(Codec c, byte[] buf, int off, int len) {
        c.start(buf);
        c.selector.startRegion(buf, off, len);
        try {
            if (RecordFields.forEach(buf, off, len, c) < 0 || c.keepsInput()) {
                return -1;
            }
            return MapHeader.patch(c.out.array(), MapHeader.RESERVED, c.kept);
        } catch (RuntimeException e) {
            return -1; // undecodable: keep the bytes (the forward decoder already checked the
            // frame's shape)
        }
    }

    /** One masked record: {@code array[offset, offset+length)}, valid until the next call on this thread. */
    public record MaskedRecord(byte[] array, int offset, int length) {}

    /** Masks one msgpack record (the agent masks each line before it is chunked, when asked to). */
    public MaskedRecord mask(byte[] buf, int off, int len) {
        if (rules.isEmpty()) {
            return new MaskedRecord(buf, off, len);
        }
        Codec c = codec.get();
        int start = maskInto(c, buf, off, len);
        return start < 0
                ? new MaskedRecord(buf, off, len)
                : new MaskedRecord(c.out.array(), start, c.out.size() - start);
    }

    private static final int NONE_TOUCHES = -1;

    /** Per-thread decoding and encoding state; visits the fields of the record being masked. */
    private final class Codec implements RecordFields.Visitor {
        final MsgpackReader reader = new MsgpackReader();
        final GrowableOutput out = new GrowableOutput(4096);
        final MessagePacker packer = MessagePack.newDefaultPacker(out);
        final QueryBytes query = new QueryBytes();
        final RuleSelector selector = new RuleSelector(rules);
        byte[] in;
        int position;
        int kept;
        boolean changed;

        void start(byte[] record) {
            in = record;
            position = 0;
            kept = 0;
            changed = false;
            out.reset();
            out.reserve(MapHeader.RESERVED);
        }

        @Override
        public void field(
                int fieldOffset, int keyOffset, int keyLength, int valueOffset, int valueEnd) {
            String key = keyOffset < 0 ? keyText(fieldOffset, valueOffset) : null;
            byte[] keyBytes = key == null ? in : key.getBytes(StandardCharsets.UTF_8);
            int keyOff = key == null ? keyOffset : 0;
            int keyLen = key == null ? keyLength : keyBytes.length;
            int rule =
                    selector.select(
                            position++,
                            keyBytes,
                            keyOff,
                            keyLen,
                            in,
                            valueOffset,
                            valueEnd - valueOffset);
            if (rule == NONE_TOUCHES) {
                copy(fieldOffset, valueEnd);
                return;
            }
            int mark = out.size();
            int keptMark = kept;
            try {
                if (rule >= 0
                        && maskedAsBytes(rules.get(rule), fieldOffset, valueOffset, valueEnd)) {
                    return;
                }
                Map<String, Object> entry = new LinkedHashMap<>(2);
                entry.put(
                        key != null
                                ? key
                                : new String(in, keyOffset, keyLength, StandardCharsets.UTF_8),
                        reader.read(in, valueOffset, valueEnd - valueOffset));
                if (!applyAll(entry)) {
                    copy(fieldOffset, valueEnd);
                    return;
                }
                for (Map.Entry<String, Object> e : entry.entrySet()) {
                    packer.packString(e.getKey());
                    MsgpackValues.pack(e.getValue(), packer);
                    kept++;
                }
                packer.flush();
                changed = true;
            } catch (IOException | RuntimeException e) {
                // nested too deep to decode: masked whole rather than kept, so no shape lets a
                // secret through
                packer.clear();
                out.truncate(mark);
                kept = keptMark;
                writeOpaque(rule, fieldOffset, keyBytes, keyOff, keyLen, valueOffset, valueEnd);
            }
        }

        /** A key that is not a string: binary as the UTF-8 it holds, anything else as {@link String#valueOf}. */
        private String keyText(int fieldOffset, int valueOffset) {
            try {
                Object key = reader.read(in, fieldOffset, valueOffset - fieldOffset);
                return ValueText.of(key);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        private void copy(int fieldOffset, int valueEnd) {
            out.write(in, fieldOffset, valueEnd - fieldOffset);
            kept++;
        }

        /** The key as written, then the value masked on bytes, if the rule can; else nothing is written. */
        private boolean maskedAsBytes(
                MaskRule rule, int fieldOffset, int valueOffset, int valueEnd) {
            int mark = out.size();
            out.write(in, fieldOffset, valueOffset - fieldOffset);
            int result = rule.maskBytes(query, in, valueOffset, valueEnd, out);
            if (result == QueryBytes.WRITTEN) {
                kept++;
                changed = true;
                return true;
            }
            out.truncate(mark);
            if (result == QueryBytes.UNCHANGED) {
                copy(fieldOffset, valueEnd);
                return true;
            }
            return false;
        }

        /** The key as written and the value as the first rule touching the field masks an undecodable one. */
        private void writeOpaque(
                int rule,
                int fieldOffset,
                byte[] keyBytes,
                int keyOff,
                int keyLen,
                int valueOffset,
                int valueEnd) {
            int first = rule;
            for (int i = 0; first < 0 && i < rules.size(); i++) {
                first =
                        rules.get(i)
                                        .touches(
                                                keyBytes,
                                                keyOff,
                                                keyLen,
                                                in,
                                                valueOffset,
                                                valueEnd - valueOffset)
                                ? i
                                : -1;
            }
            Object masked =
                    rules.get(Math.max(first, 0)).opaque(in, valueOffset, valueEnd - valueOffset);
            changed = true;
            if (masked == MaskRule.REMOVED) {
                return;
            }
            try {
                out.write(in, fieldOffset, valueOffset - fieldOffset);
                packer.packString((String) masked);
                packer.flush();
                kept++;
            } catch (IOException e) {
                throw new UncheckedIOException(e); // GrowableOutput does not fail
            }
        }

        /** Whether the record goes on unchanged. */
        boolean keepsInput() {
            return !changed;
        }
    }
}
