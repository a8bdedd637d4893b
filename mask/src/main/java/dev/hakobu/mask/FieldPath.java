package dev.hakobu.mask;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dotted path whose segments may be globs ({@code *} = any characters within one key). Matched
 * without regular expressions: it runs for every key of every record (profiling showed
 * regex matchers as the top cost of masking).
 */
final class FieldPath {
    private final String[] segments;

    /** Per segment: null for a plain name, the x of "*x*", or the segment itself for other globs. */
    private final String[] infixes;

    private final boolean[] exact;
    private final byte[] first;
    private final byte[] firstInfix;

    FieldPath(String path) {
        this.segments = path.split("\\.");
        this.infixes = new String[segments.length];
        this.exact = new boolean[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String g = segments[i];
            exact[i] = g.indexOf('*') < 0;
            boolean infix =
                    g.length() >= 2 && g.indexOf('*') == 0 && g.indexOf('*', 1) == g.length() - 1;
            infixes[i] = infix ? g.substring(1, g.length() - 1) : null;
        }
        this.first = segments[0].getBytes(StandardCharsets.UTF_8);
        this.firstInfix = infixes[0] == null ? null : infixes[0].getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@link #matches} for the first segment against a key given as UTF-8 bytes. A '*' that spans any
     * bytes spans whole characters here, because the literal parts are whole characters.
     */
    boolean matchesFirst(byte[] key, int off, int len) {
        if (firstInfix != null) {
            return indexOf(key, off, len, firstInfix);
        }
        if (exact[0]) {
            return Arrays.equals(first, 0, first.length, key, off, off + len);
        }
        return glob(first, 0, key, off, off + len);
    }

    private static boolean indexOf(byte[] s, int off, int len, byte[] x) {
        outer:
        for (int i = off; i <= off + len - x.length; i++) {
            for (int k = 0; k < x.length; k++) {
                if (s[i + k] != x[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean glob(byte[] g, int gi, byte[] s, int si, int end) {
        while (gi < g.length) {
            byte c = g[gi];
            if (c == '*') {
                if (gi + 1 == g.length) {
                    return true;
                }
                for (int k = si; k <= end; k++) {
                    if (glob(g, gi + 1, s, k, end)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == end || s[si] != c) {
                return false;
            }
            gi++;
            si++;
        }
        return si == end;
    }

    int depth() {
        return segments.length;
    }

    boolean matches(int level, String key) {
        if (exact[level]) {
            return segments[level].equals(key);
        }
        if (infixes[level] != null) {
            return key.contains(infixes[level]); // the common "*secret*"
        }
        return glob(segments[level], 0, key, 0);
    }

    /** Classic wildcard match: '*' spans any run of characters, everything else matches itself. */
    private static boolean glob(String g, int gi, String s, int si) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                if (gi + 1 == g.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (glob(g, gi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == s.length() || s.charAt(si) != c) {
                return false;
            }
            gi++;
            si++;
        }
        return si == s.length();
    }
}
