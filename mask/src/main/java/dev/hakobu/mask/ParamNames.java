package dev.hakobu.mask;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameter names a query rule masks, and how a name as written (in a query string, a JSON key, a
 * map key) is recognised as one of them. A written name matches when, after percent-decoding it or
 * reading its JSON escapes (<code>&#92;u0074oken</code>, <code>&#92;ttoken</code>) up to {@link #DECODE_ROUNDS} times in
 * any order ({@code %2574oken} is {@code token} to a server that decodes twice; masking more is safer),
 * taking each piece between quote characters on its own ({@code "token"}, or a query inside a JSON string:
 * {@code {"q":"token=..}), reading {@code +} as a space and trimming whitespace, either the whole piece,
 * its part before the first {@code [}, or a part between brackets ({@code token[]}, {@code token[0]},
 * {@code user[token]}) equals a name, ASCII letters compared case-insensitively.
 *
 * <p>Every such match spells the name, in some letter case, somewhere in the written text unless the text
 * holds a {@code %} (percent-encoding) or a {@code \} (a JSON escape): {@link #mayOccurIn} relies on it
 * to pass over values that cannot hold a parameter without parsing them. Immutable.
 */
final class ParamNames {
    /** Decodings tried on a name; a name encoded more often than this is not recognised. */
    static final int DECODE_ROUNDS = 4;

    private final String[] names;

    /** A configured empty name matches an empty written name, which any text may hold. */
    private final boolean anyText;

    /** The names as lower-case ASCII bytes, or null when a name has other characters. */
    private final byte[][] ascii;

    /** {@link QueryBytes#classes} of {@link #ascii}. */
    private final byte[] byteClasses;

    ParamNames(Collection<String> configured) {
        this.names =
                configured.stream().map(ParamNames::lowerAscii).distinct().toArray(String[]::new);
        this.anyText = Arrays.asList(names).contains("");
        boolean allAscii = configured.stream().allMatch(n -> n.chars().allMatch(c -> c < 0x80));
        this.ascii =
                allAscii
                        ? Arrays.stream(names)
                                .map(n -> n.getBytes(StandardCharsets.US_ASCII))
                                .toArray(byte[][]::new)
                        : null;
        this.byteClasses = ascii == null || anyText ? null : QueryBytes.classes(ascii);
    }

    boolean isEmpty() {
        return names.length == 0;
    }

    /** How {@link QueryBytes} reads each byte for these names; null when it cannot (a name not ASCII, or empty). */
    byte[] byteClasses() {
        return byteClasses;
    }

    /** Whether a name as written is one of the names (see the class comment). */
    boolean matches(String written) {
        if (written.indexOf('%') < 0 && written.indexOf('\\') < 0) {
            return matchesDecoded(written);
        }
        // every reading up to DECODE_ROUNDS decodings deep, percent-decoding and JSON unescaping in
        // any order
        Set<String> seen = new HashSet<>();
        List<String> level = List.of(written);
        for (int round = 0; round <= DECODE_ROUNDS && !level.isEmpty(); round++) {
            List<String> next = new ArrayList<>();
            for (String s : level) {
                if (!seen.add(s)) {
                    continue;
                }
                if (matchesDecoded(s)) {
                    return true;
                }
                if (s.indexOf('%') >= 0) {
                    next.add(Percent.decode(s));
                }
                if (s.indexOf('\\') >= 0) {
                    next.add(JsonText.unescape(s));
                }
            }
            level = next;
        }
        return false;
    }

    /** Each piece between quotes counts on its own: a query inside a JSON string, {@code "token"=..}. */
    private boolean matchesDecoded(String s) {
        if (s.indexOf('"') < 0 && s.indexOf('\'') < 0) {
            return matchesPiece(s);
        }
        for (String piece : s.split("[\"']", -1)) {
            if (matchesPiece(piece)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesPiece(String s) {
        String n = s.indexOf('+') < 0 ? s.strip() : s.replace('+', ' ').strip();
        int open = n.indexOf('[');
        if (open < 0) {
            return isName(n);
        }
        if (isName(n.substring(0, open).strip())) {
            return true;
        }
        while (open >= 0) {
            int close = n.indexOf(']', open + 1);
            if (isName(n.substring(open + 1, close < 0 ? n.length() : close).strip())) {
                return true;
            }
            open = close < 0 ? -1 : n.indexOf('[', close + 1);
        }
        return false;
    }

    private boolean isName(String n) {
        for (String name : names) {
            if (name.length() == n.length() && equalsAsciiIgnoreCase(n, 0, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * False only when no part of {@code text}, however it is read (query, JSON, nested), can be a
     * parameter of these names: the text spells none of them and holds no {@code %} or {@code \}.
     */
    boolean mayOccurIn(CharSequence text) {
        if (anyText) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '\\') {
                return true;
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            for (String name : names) {
                if (name.charAt(0) == lower
                        && i + name.length() <= text.length()
                        && equalsAsciiIgnoreCase(text, i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@link #mayOccurIn} for names only (no '%' test), on UTF-8 bytes; needs {@link #byteClasses}. */
    boolean spelledIn(byte[] in, int from, int to) {
        if (anyText) {
            return true;
        }
        for (int i = from; i < to; i++) {
            byte c = in[i];
            byte lower = c >= 'A' && c <= 'Z' ? (byte) (c + ('a' - 'A')) : c;
            outer:
            for (byte[] name : ascii) {
                if (name[0] != lower || i + name.length > to) {
                    continue;
                }
                for (int k = 1; k < name.length; k++) {
                    byte b = in[i + k];
                    if ((b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b) != name[k]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Whether {@code in[from, to)} is exactly one of the names (ASCII case-insensitively); needs {@link #byteClasses}. */
    boolean isNameBytes(byte[] in, int from, int to) {
        outer:
        for (byte[] name : ascii) {
            if (name.length != to - from) {
                continue;
            }
            for (int k = 0; k < name.length; k++) {
                byte b = in[from + k];
                if ((b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b) != name[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether {@code text} at {@code at} starts with {@code lowerName}, ASCII letters in any case, other characters exactly. */
    private static boolean equalsAsciiIgnoreCase(CharSequence text, int at, String lowerName) {
        for (int k = 0; k < lowerName.length(); k++) {
            char c = text.charAt(at + k);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != lowerName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Lower-cases ASCII letters only: a server does not fold other characters, and neither does matching. */
    private static String lowerAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars()
                .forEach(c -> b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : (char) c));
        return b.toString();
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}
