package dev.hakobu.core.mask;

import dev.hakobu.core.msgpack.GrowableOutput;
import java.nio.charset.StandardCharsets;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One compiled rule, applied to a decoded record in place. */
final class MaskRule {
    private final FieldPath field;
    private final Set<String> queryParams;
    private final Pattern pattern;
    private final java.util.function.Predicate<String> mayMatch;
    private final MaskRuleConfig.BytePrefilter mayMatchBytes;
    private final ValueTransform transform;
    /** The parameter names as lower-case ASCII bytes when this is a top-level query rule that can run on bytes, else null. */
    private final byte[][] queryBytes;

    MaskRule(MaskRuleConfig c) {
        this.field = c.field().map(FieldPath::new).orElse(null);
        this.queryParams = c.queryParams().stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.pattern = c.pattern().map(MaskRuleConfig.Patterns::compile).orElse(null);
        this.mayMatch = c.pattern().map(MaskRuleConfig.Patterns::prefilter).orElse(s -> true);
        this.mayMatchBytes = c.pattern().map(MaskRuleConfig.Patterns::bytePrefilter).orElse((b, o, l) -> true);
        this.transform = new ValueTransform(c);
        boolean ascii = queryParams.stream().allMatch(p -> p.chars().allMatch(ch -> ch < 0x80));
        this.queryBytes = field != null && field.depth() == 1 && !queryParams.isEmpty() && ascii
                ? queryParams.stream().map(p -> p.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new) : null;
    }

    /**
     * Masks the top-level field value {@code in[valueOff, valueEnd)} straight into {@code out} when this
     * is a query-parameter rule and the value a string (see {@link QueryBytes}).
     *
     * @return false, with nothing written, when the caller must take the decoding path
     */
    boolean maskBytes(QueryBytes query, byte[] in, int valueOff, int valueEnd, GrowableOutput out) {
        return queryBytes != null && query.mask(in, valueOff, valueEnd, queryBytes, transform, out);
    }

    /**
     * Whether this rule might change the top-level entry whose key has the UTF-8 bytes
     * {@code key[keyOff, keyOff+keyLen)} and whose value is the msgpack {@code value[valueOff, valueOff+valueLen)}: a field rule whose first path segment matches the key, or a pattern
     * rule whose cheap byte test passes on the raw value. False means the entry can be copied as is.
     */
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

    boolean touches(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        if (field != null) {
            return field.matchesFirst(key, keyOff, keyLen);
        }
        return mayMatchBytes.test(value, valueOff, valueLen);
    }

    void apply(Map<String, Object> record) {
        if (field == null) {
            maskPatternsIn(record);
        } else {
            walk(record, 0);
        }
    }

    @SuppressWarnings("unchecked")
    private void walk(Map<String, Object> map, int level) {
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            if (!field.matches(level, e.getKey())) {
                continue;
            }
            if (level + 1 < field.depth()) {
                if (e.getValue() instanceof Map<?, ?> child) {
                    walk((Map<String, Object>) child, level + 1);
                }
                continue;
            }
            Object masked = maskValue(e.getValue());
            if (masked == REMOVED) {
                it.remove();
            } else {
                e.setValue(masked);
            }
        }
    }

    private static final Object REMOVED = new Object();

    private Object maskValue(Object value) {
        if (value == null) {
            return null;
        }
        if (!queryParams.isEmpty()) {
            return value instanceof String s ? QueryString.mask(s, queryParams, transform) : value;
        }
        if (pattern != null) {
            return maskPatterns(value);
        }
        if (transform.removes()) {
            return REMOVED;
        }
        return transform.apply(value instanceof String s ? s : String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private void maskPatternsIn(Map<String, Object> map) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            e.setValue(maskPatterns(e.getValue()));
        }
    }

    @SuppressWarnings("unchecked")
    private Object maskPatterns(Object value) {
        if (value instanceof String s) {
            return replaceMatches(s);
        }
        if (value instanceof Map<?, ?> m) {
            maskPatternsIn((Map<String, Object>) m);
        } else if (value instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            items.replaceAll(this::maskPatterns);
        }
        return value;
    }

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
        return out.toString();
    }
}
