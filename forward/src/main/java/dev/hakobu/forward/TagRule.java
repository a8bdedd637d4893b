package dev.hakobu.forward;

import java.nio.charset.StandardCharsets;

/**
 * Which tags the forward server accepts. A tag ends up in object keys, file paths, index names and
 * manifests, so one arriving from the network must be a plain dotted name before it reaches any of them.
 *
 * <p>Refused: an empty tag; more than {@value #MAX_BYTES} UTF-8 bytes (a file name's limit, as {@code ${tag}}
 * may be one path segment); an empty part (leading, trailing or doubled dot, which also rules out {@code .} and
 * {@code ..}); {@code /} or {@code \}; control, format (zero-width, bidirectional overrides) and line or paragraph
 * separator characters; and U+FFFD, which is what bytes that were not UTF-8 decode to. Everything Fluentd, Fluent
 * Bit and our agent generate by default passes ({@code app.api}, {@code kube.var.log.containers.x_y-z.log},
 * {@code tail.0}).
 */
public final class TagRule {
    public static final int MAX_BYTES = 255;

    private TagRule() {}

    /** @return why {@code tag} is refused, or null if it is fine */
    public static String problem(String tag) {
        if (tag.isEmpty()) {
            return "empty tag";
        }
        if (tag.length() > MAX_BYTES || tag.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "longer than " + MAX_BYTES + " bytes";
        }
        if (tag.charAt(0) == '.' || tag.charAt(tag.length() - 1) == '.' || tag.contains("..")) {
            return "empty part (leading, trailing or doubled dot)";
        }
        for (int i = 0; i < tag.length(); ) {
            int c = tag.codePointAt(i);
            if (c == '/' || c == '\\') {
                return "holds '" + (char) c + "'";
            }
            if (c == 0xfffd) {
                return "not UTF-8";
            }
            switch (Character.getType(c)) {
                case Character.CONTROL,
                        Character.FORMAT,
                        Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR,
                        Character.SURROGATE -> {
                    return String.format("holds character U+%04X", c);
                }
                default -> {}
            }
            i += Character.charCount(c);
        }
        return null;
    }
}
