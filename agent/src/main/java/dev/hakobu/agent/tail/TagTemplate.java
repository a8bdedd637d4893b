package dev.hakobu.agent.tail;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source's tag, possibly built from the file's name: {@code app.${file_stem}} tags
 * {@code /var/log/api.log} as {@code app.api}. Characters a tag should not hold become '_'.
 * The config loader leaves lower-case {@code ${...}} alone, so these survive env substitution.
 */
final class TagTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private TagTemplate() {}

    static void check(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!m.group(1).equals("file_stem") && !m.group(1).equals("file_name")) {
                throw new IllegalArgumentException(
                        "tag: unknown placeholder ${"
                                + m.group(1)
                                + "}; use ${file_stem} or ${file_name}");
            }
        }
        if (!TAG.matcher(m.replaceAll("x")).matches()) {
            throw new IllegalArgumentException(
                    "tag: must be dot-separated words, e.g. app.access or app.${file_stem}");
        }
    }

    /** The tag for one file. */
    static String resolve(String template, Path file) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String tag =
                template.replace("${file_stem}", clean(stem)).replace("${file_name}", clean(name));
        return tag;
    }

    /** Dots stay (they nest the tag); anything else outside [A-Za-z0-9_-] becomes '_'; no empty words. */
    private static String clean(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("\\.{2,}", ".");
        cleaned = cleaned.replaceAll("^\\.|\\.$", "");
        return cleaned.isEmpty() ? "_" : cleaned;
    }
}
