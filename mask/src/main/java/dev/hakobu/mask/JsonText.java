package dev.hakobu.mask;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Masks a string that holds one JSON value: a member whose name is a parameter name has its value masked
 * (every scalar in it, structure kept; numbers and booleans become masked strings; {@code null} stays),
 * or is dropped for {@code remove}; every other string is masked as text in turn (a query string or
 * JSON inside JSON). The result is compact JSON equivalent to the input but for the masked values; numbers
 * keep their digits. Nesting is bounded ({@link #MAX_NESTING}), so a hostile value cannot exhaust the stack.
 */
final class JsonText {
    static final int MAX_NESTING = 64;
    private static final JsonFactory JSON =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build();

    private final ParamText text;
    private final int depth;
    private boolean changed;

    private JsonText(ParamText text, int depth) {
        this.text = text;
        this.depth = depth;
    }

    /**
     * @param depth how deep in strings-inside-strings {@code json} is; its strings are masked one deeper
     * @return the masked JSON, {@code json} itself when nothing changed, or null when {@code json} is not
     *         exactly one JSON value (then the caller reads it another way)
     */
    static String mask(String json, ParamText text, int depth) {
        JsonText walk = new JsonText(text, depth);
        StringWriter out = new StringWriter(json.length() + 16);
        try (JsonParser p = JSON.createParser(json);
                JsonGenerator g = JSON.createGenerator(out)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            walk.copy(p, g, first);
            if (p.nextToken() != null) {
                return null;
            }
            g.flush();
        } catch (IOException | RuntimeException e) {
            return null; // not JSON (or too deep, too long): the caller falls back to reading it as
            // a query and loosely
        }
        return walk.changed ? out.toString() : json;
    }

    private void copy(JsonParser p, JsonGenerator g, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                g.writeStartObject();
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (!text.names().matches(name)) {
                        g.writeFieldName(name);
                        copy(p, g, value);
                    } else if (text.transform().removes()) {
                        p.skipChildren();
                        changed = true;
                    } else {
                        g.writeFieldName(name);
                        secret(p, g, value);
                    }
                }
                g.writeEndObject();
            }
            case START_ARRAY -> {
                g.writeStartArray();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    copy(p, g, e);
                }
                g.writeEndArray();
            }
            case VALUE_STRING -> {
                String s = p.getText();
                String masked = text.maskText(s, depth + 1);
                changed |= masked != s;
                g.writeString(masked);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
            case VALUE_TRUE, VALUE_FALSE -> g.writeBoolean(t == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> g.writeNull();
            default -> throw new IOException("unexpected " + t);
        }
    }

    /** Writes the value of a parameter-named member with every scalar in it masked. */
    private void secret(JsonParser p, JsonGenerator g, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                g.writeStartObject();
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    g.writeFieldName(p.currentName());
                    secret(p, g, p.nextToken());
                }
                g.writeEndObject();
            }
            case START_ARRAY -> {
                g.writeStartArray();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    secret(p, g, e);
                }
                g.writeEndArray();
            }
            case VALUE_NULL -> g.writeNull();
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                String s = p.getText();
                String masked = text.transform().apply(s);
                changed |= t != JsonToken.VALUE_STRING || !masked.equals(s);
                g.writeString(masked);
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    /** JSON string escapes read (<code>&#92;t</code>, <code>&#92;"</code>, <code>&#92;u0074</code>); an unknown escape stands for its character. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    int code = i + 4 < s.length() ? parseHex(s, i + 1) : -1;
                    if (code >= 0) {
                        b.append((char) code);
                        i += 4;
                    } else {
                        b.append('u');
                    }
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }

    private static int parseHex(String s, int from) {
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
