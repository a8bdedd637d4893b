package dev.hakobu.mask;

import dev.hakobu.event.GrowableOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled rule, applied to a decoded record in place. Its masking functions return their argument
 * itself when they change nothing, so {@link #apply} can tell whether the record changed.
 */
final class MaskRule {
    private final FieldPath field;
    private final ParamText params;
    private final Pattern pattern;
    private final Predicate<String> mayMatch;
    private final MaskRuleConfig.BytePrefilter mayMatchBytes;
    private final ValueTransform transform;

    /** Whether {@link QueryBytes} may mask this rule's field: a top-level field and ASCII parameter names. */
    private final boolean onBytes;

    MaskRule(MaskRuleConfig c) {
        this.field = c.field().map(FieldPath::new).orElse(null);
        this.transform = new ValueTransform(c);
        ParamNames names = new ParamNames(c.queryParams());
        this.params = names.isEmpty() ? null : new ParamText(names, transform);
        this.pattern = c.pattern().map(MaskRuleConfig.Patterns::compile).orElse(null);
        this.mayMatch = c.pattern().map(MaskRuleConfig.Patterns::prefilter).orElse(s -> true);
        this.mayMatchBytes =
                c.pattern().map(MaskRuleConfig.Patterns::bytePrefilter).orElse((b, o, l) -> true);
        this.onBytes =
                field != null
                        && field.depth() == 1
                        && params != null
                        && names.byteClasses() != null;
    }

    /**
     * Masks the top-level field value {@code in[valueOff, valueEnd)} straight into {@code out} when this
     * is a query-parameter rule and the value a plain query string (see {@link QueryBytes}).
     *
     * @return {@link QueryBytes#WRITTEN}, {@link QueryBytes#UNCHANGED} (nothing written) or
     *         {@link QueryBytes#DECODE} (nothing written; the caller must take the decoding path)
     */
    int maskBytes(QueryBytes query, byte[] in, int valueOff, int valueEnd, GrowableOutput out) {
        return onBytes
                ? query.mask(in, valueOff, valueEnd, params.names(), transform, out)
                : QueryBytes.DECODE;
    }

    /** Whether this rule is chosen by field name (else by a pattern on values). */
    boolean byField() {
        return field != null;
    }

    /** For a field rule: whether its first path segment matches the key's UTF-8 bytes. */
    boolean matchesKey(byte[] key, int keyOff, int keyLen) {
        return field.matchesFirst(key, keyOff, keyLen);
    }

    /** For a pattern rule: the cheap byte test that the msgpack bytes may hold a match. */
    boolean mayMatch(byte[] value, int valueOff, int valueLen) {
        return mayMatchBytes.test(value, valueOff, valueLen);
    }

    /**
     * Whether this rule might change the top-level entry whose key has the UTF-8 bytes
     * {@code key[keyOff, keyOff+keyLen)} and whose value is the msgpack {@code value[valueOff, valueOff+valueLen)}:
     * a field rule whose first path segment matches the key, or a pattern rule whose cheap byte test
     * passes on the raw value. False means the entry can be copied as is.
     */
    boolean touches(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        if (field != null) {
            return field.matchesFirst(key, keyOff, keyLen);
        }
        return mayMatchBytes.test(value, valueOff, valueLen);
    }

    /**
     * The value a field this rule touches gets when it cannot be decoded (nested too deep): masked whole,
     * from its raw bytes; {@link #REMOVED} for {@code remove}. Masking it again leaves it as it is.
     */
    Object opaque(byte[] raw, int off, int len) {
        if (transform.removes()) {
            return REMOVED;
        }
        return transform.apply(HexFormat.of().formatHex(raw, off, off + len));
    }

    /** @return whether the record changed */
    boolean apply(Map<String, Object> record) {
        return field == null ? maskPatternsIn(record) : walk(record, 0);
    }

    @SuppressWarnings("unchecked")
    private boolean walk(Map<String, Object> map, int level) {
        boolean changed = false;
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            if (!field.matches(level, e.getKey())) {
                continue;
            }
            if (level + 1 < field.depth()) {
                if (e.getValue() instanceof Map<?, ?> child) {
                    changed |= walk((Map<String, Object>) child, level + 1);
                }
                continue;
            }
            Object masked = maskValue(e.getValue());
            if (masked == REMOVED) {
                it.remove();
                changed = true;
            } else if (masked != e.getValue()) {
                e.setValue(masked);
                changed = true;
            }
        }
        return changed;
    }

    static final Object REMOVED = new Object();

    private Object maskValue(Object value) {
        if (value == null) {
            return null;
        }
        if (params != null) {
            return params.mask(value);
        }
        if (pattern != null) {
            return maskPatterns(value);
        }
        if (transform.removes()) {
            return REMOVED;
        }
        String text = ValueText.of(value);
        String masked = transform.apply(text);
        return value instanceof String && masked.equals(text) ? value : masked;
    }

    private boolean maskPatternsIn(Map<String, Object> map) {
        boolean changed = false;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object masked = maskPatterns(e.getValue());
            if (masked != e.getValue()) {
                e.setValue(masked);
                changed = true;
            }
        }
        return changed;
    }

    /** Strings (and binary, as the UTF-8 it holds) with every match replaced, maps and lists copied on write. */
    private Object maskPatterns(Object value) {
        if (value instanceof String s) {
            return replaceMatches(s);
        }
        if (value instanceof byte[] b) {
            String s = new String(b, StandardCharsets.UTF_8);
            String replaced = replaceMatches(s);
            return replaced == s ? value : replaced;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object masked = maskPatterns(e.getValue());
                if (masked != e.getValue()) {
                    if (copy == null) {
                        copy = new LinkedHashMap<>(m.size() * 2);
                        for (Map.Entry<?, ?> c : m.entrySet()) {
                            copy.put(String.valueOf(c.getKey()), c.getValue());
                        }
                    }
                    copy.put(String.valueOf(e.getKey()), masked);
                }
            }
            return copy == null ? value : copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object masked = maskPatterns(list.get(i));
                if (masked != list.get(i)) {
                    copy = copy == null ? new ArrayList<>(list) : copy;
                    copy.set(i, masked);
                }
            }
            return copy == null ? value : copy;
        }
        return value;
    }

    /** @return {@code s} itself when nothing matched */
    private String replaceMatches(String s) {
        if (!mayMatch.test(s)) {
            return s;
        }
        Matcher m = pattern.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        do {
            String replaced = transform.apply(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replaced == null ? "" : replaced));
        } while (m.find());
        m.appendTail(out);
        String result = out.toString();
        return result.equals(s) ? s : result;
    }
}
