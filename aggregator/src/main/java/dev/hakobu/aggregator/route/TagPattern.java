package dev.hakobu.aggregator.route;

import java.util.ArrayList;
import java.util.List;

/** A compiled tag pattern; immutable and thread-safe. */
public final class TagPattern {
    private final String source;
    private final List<String[]> alternatives;

    private TagPattern(String source, List<String[]> alternatives) {
        this.source = source;
        this.alternatives = alternatives;
    }

    /** @throws IllegalArgumentException for an empty pattern or unbalanced braces */
    public static TagPattern compile(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a tag pattern cannot be empty");
        }
        List<String[]> parts = new ArrayList<>();
        for (String expanded : expandBraces(pattern.trim())) {
            parts.add(expanded.split("\\.", -1));
        }
        return new TagPattern(pattern, List.copyOf(parts));
    }

    public boolean matches(String tag) {
        String[] tagParts = tag.split("\\.", -1);
        for (String[] p : alternatives) {
            if (match(p, 0, tagParts, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean match(String[] p, int pi, String[] t, int ti) {
        if (pi == p.length) {
            return ti == t.length;
        }
        if (p[pi].equals("**")) {
            for (int skip = ti; skip <= t.length; skip++) {
                if (match(p, pi + 1, t, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (ti == t.length) {
            return false;
        }
        return (p[pi].equals("*") || p[pi].equals(t[ti])) && match(p, pi + 1, t, ti + 1);
    }

    /** {@code app.{a,b}.x} -> {@code app.a.x}, {@code app.b.x}; nested braces expand too. */
    static List<String> expandBraces(String pattern) {
        int open = pattern.indexOf('{');
        if (open < 0) {
            if (pattern.indexOf('}') >= 0) {
                throw new IllegalArgumentException(
                        "unbalanced '}' in tag pattern '" + pattern + "'");
            }
            return List.of(pattern);
        }
        int depth = 0;
        int close = -1;
        List<String> options = new ArrayList<>();
        int optionStart = open + 1;
        for (int i = open; i < pattern.length() && close < 0; i++) {
            char c = pattern.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                options.add(pattern.substring(optionStart, i));
                close = i;
            } else if (c == ',' && depth == 1) {
                options.add(pattern.substring(optionStart, i));
                optionStart = i + 1;
            }
        }
        if (close < 0) {
            throw new IllegalArgumentException("unbalanced '{' in tag pattern '" + pattern + "'");
        }
        List<String> out = new ArrayList<>();
        for (String option : options) {
            out.addAll(
                    expandBraces(
                            pattern.substring(0, open) + option + pattern.substring(close + 1)));
        }
        return out;
    }

    @Override
    public String toString() {
        return source;
    }
}
