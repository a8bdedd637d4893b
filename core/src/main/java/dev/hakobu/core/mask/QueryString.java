package dev.hakobu.core.mask;

import java.util.Locale;
import java.util.Set;

/**
 * Masks the values of chosen parameters in a query string ({@code name=hoge&token=abc}), keeping
 * the others, their order and their encoding as written. Names compare case-insensitively.
 */
final class QueryString {
    private QueryString() {
    }

    static String mask(String query, Set<String> names, ValueTransform transform) {
        if (!mentionsAny(query, names)) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        int start = 0;
        boolean first = true;
        while (start <= query.length()) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            String pair = query.substring(start, end);
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String kept = pair;
            if (names.contains(name.toLowerCase(Locale.ROOT))) {
                String masked = transform.apply(eq < 0 ? "" : pair.substring(eq + 1));
                kept = masked == null ? null : name + "=" + masked;
            }
            if (kept != null) {
                if (!first) {
                    out.append('&');
                }
                out.append(kept);
                first = false;
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out.toString();
    }

    /** Whether some parameter of the query has one of the names (lower case), without splitting it. */
    private static boolean mentionsAny(String query, Set<String> names) {
        int start = 0;
        while (start <= query.length()) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            for (String name : names) {
                if (name.length() == nameEnd - start && query.regionMatches(true, start, name, 0, name.length())) {
                    return true;
                }
            }
            if (amp < 0) {
                return false;
            }
            start = amp + 1;
        }
        return false;
    }
}
