package dev.hakobu.mask;

import java.util.function.UnaryOperator;

/**
 * Masks the values of chosen parameters in a query string, keeping everything else as written. Read the
 * way servers read it, and then some, because a parameter one reader would see must not survive:
 *
 * <ul>
 *   <li>A name starts at the beginning and after each {@code &}, {@code ;}, {@code ?} and {@code #}, so a
 *       leading {@code ?}, a path ({@code /api/x?token=..}) and parameters in a fragment are found. It runs
 *       to the first {@code =} (or to one of those four: then it has no value, and nothing is masked).
 *       Names are recognised by {@link ParamNames} (case, percent-encoding, whitespace, brackets).
 *   <li>A masked value runs to the next {@code &} or {@code ;} that is followed by another {@code name=},
 *       so it takes {@code ?}, {@code #}, {@code =} and bare words with it ({@code password=pa;ss&x=1}
 *       loses {@code ss} too): a secret written unencoded is masked whole.
 *   <li>Any other value runs to the next {@code &} or {@code ;} and is handed to {@code nested}, which
 *       masks what it holds (a JSON text, a percent-encoded URL with its own query) and returns the same
 *       instance when it changed nothing.
 *   <li>{@code remove} drops the pair with the separator before it (after it, for a first pair).
 * </ul>
 */
final class QueryString {
    private QueryString() {}

    /** @return the masked query, or {@code query} itself when nothing changed */
    static String mask(
            String query,
            ParamNames names,
            ValueTransform transform,
            UnaryOperator<String> nested) {
        StringBuilder out = null;
        int copied = 0;
        int n = query.length();
        int i = 0;
        while (i <= n) {
            int eq = i;
            while (eq < n && !endsName(query.charAt(eq))) {
                eq++;
            }
            if (eq == n || query.charAt(eq) != '=' || isHashRocket(query, i, eq)) {
                i = eq + 1; // a bare name, a path or an empty segment
                continue;
            }
            boolean secret = names.matches(query.substring(i, eq));
            int end = secret ? secretValueEnd(query, eq + 1) : valueEnd(query, eq + 1);
            String value = query.substring(eq + 1, end);
            if (secret && transform.removes()) {
                boolean afterSeparator = i > copied && isSeparator(query.charAt(i - 1));
                out = append(out, query, copied, afterSeparator ? i - 1 : i);
                copied = afterSeparator || end == n ? end : end + 1;
            } else {
                String masked = secret ? transform.apply(value) : nested.apply(value);
                if (!masked.equals(value)) {
                    out = append(out, query, copied, eq + 1).append(masked);
                    copied = end;
                }
            }
            i = end + 1;
        }
        return out == null ? query : append(out, query, copied, n).toString();
    }

    /** {@code "name"=>}: a Ruby hash dump, not a parameter ({@link LooseJson} reads it). */
    private static boolean isHashRocket(String s, int nameStart, int eq) {
        if (eq + 1 == s.length() || s.charAt(eq + 1) != '>') {
            return false;
        }
        String name = s.substring(nameStart, eq).strip();
        return name.endsWith("\"") || name.endsWith("'");
    }

    private static StringBuilder append(StringBuilder out, String query, int from, int to) {
        StringBuilder b = out != null ? out : new StringBuilder(query.length() + 16);
        return b.append(query, from, to);
    }

    /** The end of a masked value: the first {@code &} or {@code ;} after which another {@code name=} starts. */
    static int secretValueEnd(String s, int from) {
        int sep = valueEnd(s, from);
        while (sep < s.length()) {
            int next = valueEnd(s, sep + 1);
            for (int k = sep + 1; k < next; k++) {
                if (s.charAt(k) == '=') {
                    return sep;
                }
            }
            sep = next;
        }
        return sep;
    }

    private static int valueEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (isSeparator(s.charAt(i))) {
                return i;
            }
        }
        return s.length();
    }

    private static boolean isSeparator(char c) {
        return c == '&' || c == ';';
    }

    private static boolean endsName(char c) {
        return c == '=' || c == '&' || c == ';' || c == '?' || c == '#';
    }
}
