package dev.hakobu.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How record components become YAML keys, and how YAML paths are written in errors. */
final class Names {
    private Names() {}

    /** {@code maxLineBytes} -> {@code max_line_bytes}; {@code maxURLLength} -> {@code max_url_length}. */
    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && startsWord(camel, i)) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static boolean startsWord(String camel, int i) {
        char previous = camel.charAt(i - 1);
        boolean nextIsLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
        return Character.isLowerCase(previous)
                || Character.isDigit(previous)
                || (Character.isUpperCase(previous) && nextIsLower);
    }

    /** The YAML key of each component of {@code type}, in declaration order. */
    static List<String> keysOf(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            keys.add(key(component));
        }
        return keys;
    }

    static String key(RecordComponent component) {
        Key key = component.getAnnotation(Key.class);
        return key != null ? key.value() : snakeCase(component.getName());
    }

    /** A key as a user might have mistyped it, in the form keys take: {@code Max-Line-Bytes} -> {@code max_line_bytes}. */
    static String normalized(String key) {
        return snakeCase(key.replace('-', '_')).replace("__", "_").toLowerCase(Locale.ROOT);
    }

    /** {@code outputs} + {@code local} -> {@code outputs.local}; the root path is empty. */
    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code routes} + 0 -> {@code routes[0]}. */
    static String index(String path, int index) {
        return path + "[" + index + "]";
    }
}
