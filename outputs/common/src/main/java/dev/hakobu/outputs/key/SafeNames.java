package dev.hakobu.outputs.key;

import java.nio.charset.StandardCharsets;

/**
 * The one check for names built from data (tags, record fields) before they become an object key, a file path,
 * an index name or a manifest entry. A name that fails can never be written, so the output rejects its chunk at
 * once (dead letters, with the reason) instead of retrying it until the buffer's maximum retry time.
 */
public final class SafeNames {
    /** A file name's limit on Linux file systems (ext4, xfs), and so of each key segment. */
    public static final int MAX_SEGMENT_BYTES = 255;

    /** S3's limit for an object key. */
    public static final int MAX_KEY_BYTES = 1024;

    /** Elasticsearch's and OpenSearch's limit for an index name. */
    public static final int MAX_INDEX_BYTES = 255;

    private SafeNames() {}

    /**
     * Why {@code key} cannot be an object key and a relative file path, or null: empty segments ({@code a//b}, a
     * leading or trailing {@code /}), {@code .} or {@code ..} segments, control characters (NUL, newline, DEL,
     * C1) or a backslash, a segment over {@value #MAX_SEGMENT_BYTES} bytes, or the whole over
     * {@value #MAX_KEY_BYTES} bytes.
     */
    public static String keyProblem(String key) {
        if (key.isEmpty()) {
            return "empty key";
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return "longer than " + MAX_KEY_BYTES + " bytes";
        }
        String control = controlCharacter(key);
        if (control != null) {
            return control;
        }
        if (key.indexOf('\\') >= 0) {
            return "holds a backslash";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty path segment (a leading, trailing or doubled '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "a '" + segment + "' path segment";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "a path segment longer than " + MAX_SEGMENT_BYTES + " bytes";
            }
        }
        return null;
    }

    /**
     * Why {@code index} cannot be an Elasticsearch/OpenSearch index name, or null: empty, {@code .} or {@code ..},
     * upper case, one of {@code \ / * ? " < > | , #}, a space or control character, a leading {@code - _ +}, or over
     * {@value #MAX_INDEX_BYTES} bytes.
     */
    public static String indexProblem(String index) {
        if (index.isEmpty() || index.equals(".") || index.equals("..")) {
            return "'" + index + "' is not an index name";
        }
        if (index.getBytes(StandardCharsets.UTF_8).length > MAX_INDEX_BYTES) {
            return "longer than " + MAX_INDEX_BYTES + " bytes";
        }
        char first = index.charAt(0);
        if (first == '-' || first == '_' || first == '+') {
            return "starts with '" + first + "'";
        }
        String control = controlCharacter(index);
        if (control != null) {
            return control;
        }
        for (int i = 0; i < index.length(); i++) {
            char c = index.charAt(i);
            if ("\\/*?\"<>|,# ".indexOf(c) >= 0) {
                return "holds '" + c + "'";
            }
            if (Character.isUpperCase(c)) {
                return "holds upper case";
            }
        }
        return null;
    }

    private static String controlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return String.format("holds control character U+%04X", (int) c);
            }
        }
        return null;
    }
}
