package dev.hakobu.core.mask;

/**
 * A dotted path whose segments may be globs ({@code *} = any characters within one key). Matched
 * without regular expressions: it runs for every key of every record (profiling showed
 * regex matchers as the top cost of masking).
 */
final class FieldPath {
    private final String[] segments;

    FieldPath(String path) {
        this.segments = path.split("\\.");
    }

    int depth() {
        return segments.length;
    }

    boolean matches(int level, String key) {
        String glob = segments[level];
        int star = glob.indexOf('*');
        if (star < 0) {
            return glob.equals(key);
        }
        int last = glob.lastIndexOf('*');
        if (star == 0 && last == glob.length() - 1 && glob.indexOf('*', 1) == last) {
            return key.contains(glob.substring(1, last)); // the common "*secret*"
        }
        return glob(glob, 0, key, 0);
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
