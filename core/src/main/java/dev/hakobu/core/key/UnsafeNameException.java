package dev.hakobu.core.key;

import java.io.IOException;

/** A name built from data that {@link SafeNames} refuses: the chunk can never be written there. */
public final class UnsafeNameException extends IOException {
    public UnsafeNameException(String name, String problem) {
        super("'" + escape(name) + "': " + problem);
    }

    /** The name as it may appear in a log line or reason file: control characters as \\uXXXX, at most 300 chars. */
    private static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 300; i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
