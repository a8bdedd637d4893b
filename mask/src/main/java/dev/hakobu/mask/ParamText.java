package dev.hakobu.mask;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query-parameter rule does to the value of its field, whatever that value is: a query string, a
 * string holding JSON, binary holding either, a map (a JSON object sent as msgpack) or a list of any of
 * these. Strings nest (JSON in a string in JSON, a percent-encoded URL in a parameter); each level is
 * read as JSON if it is one JSON value, else as a query string ({@link QueryString}) and then loosely
 * ({@link LooseJson}). Past {@link #MAX_DEPTH} levels a string that may still hold a parameter is masked
 * whole. Every method returns its argument itself when nothing changed (maps and lists are copied on
 * write), so callers keep unchanged bytes. Immutable and thread-safe.
 */
final class ParamText {
    /** How many strings-inside-strings are read before the rest is masked whole. */
    static final int MAX_DEPTH = 8;

    private final ParamNames names;
    private final ValueTransform transform;

    ParamText(ParamNames names, ValueTransform transform) {
        this.names = names;
        this.transform = transform;
    }

    ParamNames names() {
        return names;
    }

    ValueTransform transform() {
        return transform;
    }

    /** The field's value with every parameter of the names masked. */
    Object mask(Object value) {
        if (value instanceof String s) {
            return maskText(s, 0);
        }
        if (value instanceof byte[] b) {
            String s = new String(b, StandardCharsets.UTF_8);
            String masked = maskText(s, 0);
            return masked == s
                    ? value
                    : masked; // masked binary comes out as a string, as ingest would make it
        }
        if (value instanceof Map<?, ?> map) {
            return maskMap(map);
        }
        if (value instanceof List<?> list) {
            return maskList(list, this::mask);
        }
        return value;
    }

    String maskText(String s, int depth) {
        if (!names.mayOccurIn(s)) {
            return s;
        }
        if (depth >= MAX_DEPTH) {
            String whole = transform.removes() ? "" : transform.apply(s);
            return whole.equals(s) ? s : whole;
        }
        String t = s.strip();
        if (!t.isEmpty() && "{[\"".indexOf(t.charAt(0)) >= 0) {
            String json = JsonText.mask(s, this, depth);
            if (json != null) {
                return json;
            }
        }
        String query = QueryString.mask(s, names, transform, v -> maskParameterValue(v, depth + 1));
        return s.indexOf('"') < 0 && s.indexOf('\'') < 0
                ? query
                : LooseJson.mask(query, names, transform);
    }

    /** A parameter's value is text again, percent-decoded once when it has escapes (a URL in {@code redirect=}). */
    private String maskParameterValue(String value, int depth) {
        if (value.indexOf('%') < 0) {
            return maskText(value, depth);
        }
        String decoded = Percent.decode(value);
        String masked = maskText(decoded, depth);
        return masked == decoded ? value : Percent.encode(masked);
    }

    private Object maskMap(Map<?, ?> map) {
        Map<String, Object> copy = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            Object masked =
                    names.matches(key)
                            ? (transform.removes() ? REMOVED : secret(value))
                            : mask(value);
            if (masked != value && copy == null) {
                copy = copyOf(map);
            }
            if (masked == REMOVED) {
                copy.remove(key);
            } else if (masked != value) {
                copy.put(key, masked);
            }
        }
        return copy == null ? map : copy;
    }

    private static final Object REMOVED = new Object();

    /** The value of a parameter-named key: every scalar in it masked, structure kept, nulls kept. */
    private Object secret(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object masked = secret(e.getValue());
                if (masked != e.getValue()) {
                    copy = copy == null ? copyOf(map) : copy;
                    copy.put(String.valueOf(e.getKey()), masked);
                }
            }
            return copy == null ? map : copy;
        }
        if (value instanceof List<?> list) {
            return maskList(list, this::secret);
        }
        String text = ValueText.of(value);
        String masked = transform.apply(text);
        return value instanceof String && masked.equals(text) ? value : masked;
    }

    private static Object maskList(List<?> list, java.util.function.UnaryOperator<Object> each) {
        List<Object> copy = null;
        Iterator<?> it = list.iterator();
        for (int i = 0; it.hasNext(); i++) {
            Object item = it.next();
            Object masked = each.apply(item);
            if (masked != item) {
                copy = copy == null ? new ArrayList<>(list) : copy;
                copy.set(i, masked);
            }
        }
        return copy == null ? list : copy;
    }

    private static Map<String, Object> copyOf(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
