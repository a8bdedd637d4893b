package dev.hakobu.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a scalar's text with values from an environment
 * map; {@code $${} stands for a literal {@code ${}. The default applies when the variable is unset or empty.
 * A default cannot contain {@code }}.
 *
 * <p>Only upper-case names ({@code [A-Z_][A-Z0-9_]*}, the convention for environment variables) are
 * references; any other {@code ${...}} is left as written, because output key templates use lower-case
 * placeholders such as {@code ${tag}}, {@code ${tag[1]}} and {@code ${chunk_id}}.
 */
final class EnvSubstitution {
    private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    /** What substitution made of a scalar: its new text, or why it could not. */
    sealed interface Result permits Text, Failure {}

    record Text(String value) implements Result {}

    record Failure(String message) implements Result {}

    private final Map<String, String> env;
    private final boolean enabled;
    private final boolean keepUnset;

    private EnvSubstitution(Map<String, String> env, boolean enabled, boolean keepUnset) {
        this.env = env;
        this.enabled = enabled;
        this.keepUnset = keepUnset;
    }

    static EnvSubstitution using(Map<String, String> env) {
        return new EnvSubstitution(Map.copyOf(env), true, false);
    }

    /**
     * Like {@link #using}, but a variable that is unset and has no default stays as written ({@code
     * ${NAME}}) instead of failing; for commands that read a config without the role's secrets.
     */
    static EnvSubstitution keepingUnset(Map<String, String> env) {
        return new EnvSubstitution(Map.copyOf(env), true, true);
    }

    /** Leaves every text as written; for {@link Default} values, which are literals. */
    static EnvSubstitution disabled() {
        return new EnvSubstitution(Map.of(), false, false);
    }

    Result apply(String text) {
        if (!enabled || !text.contains("${")) {
            return new Text(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    return new Failure(
                            "unclosed '${'; end the reference with '}', or write '$${' for a literal '${'");
                }
                Result value = resolve(text.substring(i + 2, end));
                if (value instanceof Failure) {
                    return value;
                }
                out.append(((Text) value).value());
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return new Text(out.toString());
    }

    private Result resolve(String reference) {
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            return new Text("${" + reference + "}"); // a template placeholder, not ours
        }
        String value = env.get(name);
        if (value != null && !value.isEmpty()) {
            return new Text(value);
        }
        if (separator >= 0) {
            return new Text(reference.substring(separator + 2));
        }
        if (value == null && keepUnset) {
            return new Text("${" + name + "}");
        }
        if (value == null) {
            return new Failure(
                    "environment variable "
                            + name
                            + " is not set; set it or write ${"
                            + name
                            + ":-default}");
        }
        return new Text("");
    }
}
