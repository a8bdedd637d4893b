package dev.hakobu.core.mask;

import java.util.regex.Pattern;

/** A dotted path whose segments may be globs ({@code *} = any characters within one key). */
final class FieldPath {
    private final Pattern[] segments;

    FieldPath(String path) {
        String[] parts = path.split("\\.");
        this.segments = new Pattern[parts.length];
        for (int i = 0; i < parts.length; i++) {
            segments[i] = Pattern.compile(Pattern.quote(parts[i]).replace("*", "\\E.*\\Q"));
        }
    }

    int depth() {
        return segments.length;
    }

    boolean matches(int level, String key) {
        return segments[level].matcher(key).matches();
    }
}
