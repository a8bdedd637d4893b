package dev.hakobu.outputs.s3;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a {@code --column} type is one Athena's DDL accepts: the primitive types, {@code
 * decimal(p[,s])}, {@code char(n)}, {@code varchar(n)}, and {@code array<T>}, {@code map<K,V>},
 * {@code struct<name:T,...>} of these, in any case, without spaces.
 */
final class AthenaTypeSyntax {
    private static final Set<String> PRIMITIVES =
            Set.of(
                    "boolean",
                    "tinyint",
                    "smallint",
                    "int",
                    "integer",
                    "bigint",
                    "float",
                    "double",
                    "string",
                    "date",
                    "timestamp",
                    "binary");
    private static final Pattern SIZED =
            Pattern.compile("(decimal)\\((\\d+)(?:,(\\d+))?\\)|(char|varchar)\\((\\d+)\\)");
    private static final Pattern FIELD = Pattern.compile("(`[^`]+`|[a-z_][a-z0-9_]*):");

    private final String text;
    private int at;

    private AthenaTypeSyntax(String text) {
        this.text = text;
    }

    static boolean valid(String type) {
        AthenaTypeSyntax s = new AthenaTypeSyntax(type.toLowerCase(Locale.ROOT));
        return s.type() && s.at == s.text.length();
    }

    private boolean type() {
        if (take("array<")) {
            return type() && take(">");
        }
        if (take("map<")) {
            return type() && take(",") && type() && take(">");
        }
        if (take("struct<")) {
            do {
                Matcher m = FIELD.matcher(text).region(at, text.length());
                if (!m.lookingAt()) {
                    return false;
                }
                at = m.end();
                if (!type()) {
                    return false;
                }
            } while (take(","));
            return take(">");
        }
        Matcher sized = SIZED.matcher(text).region(at, text.length());
        if (sized.lookingAt()) {
            at = sized.end();
            if (sized.group(1) != null) {
                int precision = Integer.parseInt(sized.group(2));
                int scale = sized.group(3) == null ? 0 : Integer.parseInt(sized.group(3));
                return precision >= 1 && precision <= 38 && scale <= precision;
            }
            int length = Integer.parseInt(sized.group(5));
            return length >= 1 && length <= 65535;
        }
        int end = at;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        if (PRIMITIVES.contains(text.substring(at, end))) {
            at = end;
            return true;
        }
        return false;
    }

    private boolean take(String token) {
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }
}
