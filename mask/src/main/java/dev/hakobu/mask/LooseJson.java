package dev.hakobu.mask;

/**
 * The last resort for text that is not valid JSON but holds JSON-like members: a truncated line, two
 * objects in one string, a Python or Ruby dump ({@code {'token': 's'}}, {@code {"token"=>"s"}}), JSON
 * escaped one level ({@code {\"token\":\"s\"}}). A quoted name ({@code "} or {@code '}, after any number
 * of backslashes) that is a parameter name, followed by {@code :} or {@code =>}, has its value masked: a
 * quoted value to the same closing quote (or the end of the text), an object or array to its closing
 * bracket (or the end), a bare one to the next {@code ,}, {@code }}, {@code ]}, whitespace or backslash.
 * The masked value is written as a string quoted like the name (quotes and backslashes in it become
 * {@code *}), so the text reads the same when masked again; {@code remove} empties it. Names longer than
 * {@link #MAX_NAME} are not looked at, which keeps the scan linear.
 */
final class LooseJson {
    static final int MAX_NAME = 64;

    private LooseJson() {}

    /** @return the masked text, or {@code s} itself when nothing changed */
    static String mask(String s, ParamNames names, ValueTransform transform) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < s.length()) {
            char q = s.charAt(i);
            if (q != '"' && q != '\'') {
                i++;
                continue;
            }
            int slashes = backslashesBefore(s, i, 0);
            int close = closingQuote(s, i + 1, q, slashes, i + 1 + MAX_NAME + slashes);
            int after = close < 0 ? -1 : skipSeparator(s, close + 1);
            if (after < 0 || !names.matches(s.substring(i + 1, close - slashes))) {
                i++; // every quote may open a name: quotes need not pair up in broken text
                continue;
            }
            String quote = s.substring(i - slashes, i + 1);
            int valueStart;
            int valueEnd;
            boolean quoted;
            int vs = after;
            while (vs < s.length() && s.charAt(vs) == '\\') {
                vs++;
            }
            if (vs < s.length() && (s.charAt(vs) == '"' || s.charAt(vs) == '\'')) {
                quoted = true;
                valueStart = vs + 1;
                int end = closingQuote(s, valueStart, s.charAt(vs), vs - after, s.length());
                valueEnd = end < 0 ? s.length() : end - (vs - after);
            } else {
                quoted = false;
                valueStart = after;
                valueEnd =
                        vs < s.length() && (s.charAt(vs) == '{' || s.charAt(vs) == '[')
                                ? closingBracket(s, vs)
                                : bareEnd(s, after);
            }
            String value = s.substring(valueStart, valueEnd);
            String masked =
                    transform.removes()
                            ? ""
                            : transform.apply(value).replace(q, '*').replace('\\', '*');
            if (!quoted) {
                masked =
                        quote + masked
                                + quote; // a string: the text stays as valid as it was, and reads
                // the same next time
            }
            if (!masked.equals(value)) {
                out =
                        (out == null ? new StringBuilder(s.length()) : out)
                                .append(s, copied, valueStart)
                                .append(masked);
                copied = valueEnd;
            }
            i = Math.max(valueEnd, i + 1);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static int bareEnd(String s, int from) {
        int k = from;
        while (k < s.length() && ",}] \t\r\n\\".indexOf(s.charAt(k)) < 0) {
            k++;
        }
        return k;
    }

    /** How many backslashes stand right before {@code at} (not counting any before {@code floor}). */
    private static int backslashesBefore(String s, int at, int floor) {
        int k = at;
        while (k > floor && s.charAt(k - 1) == '\\') {
            k--;
        }
        return at - k;
    }

    /** The index of the next quote {@code q} preceded by exactly {@code slashes} backslashes, searching {@code [from, limit)}; -1 if none. */
    private static int closingQuote(String s, int from, char q, int slashes, int limit) {
        for (int k = from; k < Math.min(limit, s.length()); k++) {
            if (s.charAt(k) == q && backslashesBefore(s, k, from) == slashes) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Just after the bracket that closes the one at {@code open}, counting every bracket (quotes in broken
     * text cannot be trusted), or the end of the text: an object or array value is masked whole.
     */
    private static int closingBracket(String s, int open) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
            if (depth == 0) {
                return k + 1;
            }
        }
        return s.length();
    }

    /** After a quoted name: optional whitespace, {@code :} or {@code =>}, optional whitespace; the index after them, or -1. */
    private static int skipSeparator(String s, int from) {
        int k = skipSpace(s, from);
        if (k < s.length() && s.charAt(k) == ':') {
            return skipSpace(s, k + 1);
        }
        if (k + 1 < s.length() && s.charAt(k) == '=' && s.charAt(k + 1) == '>') {
            return skipSpace(s, k + 2);
        }
        return -1;
    }

    private static int skipSpace(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
