package dev.hakobu.mask;

import dev.hakobu.event.MsgpackReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The text a mask action works on for a value that is not a string: binary as the UTF-8 it holds (never
 * {@code [B@1b6d3586}, which differs per run and would make {@code hash} give a new pseudonym each time),
 * maps and lists as {@code toString} writes them ({@code {a=1, b=[x, y]}}, so pseudonyms of such fields
 * stay what they were) with the same rule inside, extension values by type and hex.
 */
final class ValueText {
    private ValueText() {}

    static String of(Object value) {
        if (value instanceof String s) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        append(b, value);
        return b.toString();
    }

    private static void append(StringBuilder b, Object value) {
        if (value instanceof byte[] bytes) {
            b.append(new String(bytes, StandardCharsets.UTF_8));
        } else if (value instanceof MsgpackReader.Ext ext) {
            b.append("Ext[type=")
                    .append(ext.type())
                    .append(", data=")
                    .append(HexFormat.of().formatHex(ext.data()))
                    .append(']');
        } else if (value instanceof Map<?, ?> map) {
            b.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                append(b, e.getKey());
                b.append('=');
                append(b, e.getValue());
                b.append(it.hasNext() ? ", " : "");
            }
            b.append('}');
        } else if (value instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                append(b, list.get(i));
                b.append(i + 1 < list.size() ? ", " : "");
            }
            b.append(']');
        } else {
            b.append(value);
        }
    }
}
