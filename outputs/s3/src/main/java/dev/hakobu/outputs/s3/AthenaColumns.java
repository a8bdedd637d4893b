package dev.hakobu.outputs.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hakobu.encoding.EventTimeFormat;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Athena column types inferred from sample JSON lines: integers bigint, fractions double, booleans
 * boolean, everything else (strings, nested values, mixed types) string. A field that is sometimes an
 * integer and sometimes a fraction is double.
 */
public final class AthenaColumns {
    private static final JsonFactory JSON = new JsonFactory();

    private AthenaColumns() {}

    public static Map<String, String> infer(List<String> lines) throws IOException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String line : lines) {
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    continue;
                }
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    columns.merge(name, typeOf(value), AthenaColumns::widen);
                    p.skipChildren();
                }
            } catch (IOException e) {
                // a malformed sample line says nothing about the columns
            }
        }
        columns.replaceAll((name, type) -> type.equals("null") ? "string" : type);
        return columns;
    }

    /**
     * The column type of the event time as the S3 output writes it. ISO-8601 is a string: the JSON SerDes
     * parse a timestamp only without fraction digits, and store it without its offset; queries convert it
     * with {@code from_iso8601_timestamp}. Epoch seconds and milliseconds are integers.
     */
    public static String of(EventTimeFormat format) {
        return switch (format) {
            case ISO8601 -> "string";
            case EPOCH_SECONDS, EPOCH_MILLIS -> "bigint";
        };
    }

    private static String typeOf(JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT -> "bigint";
            case VALUE_NUMBER_FLOAT -> "double";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "string";
        };
    }

    private static String widen(String a, String b) {
        if (a.equals(b) || b.equals("null")) {
            return a;
        }
        if (a.equals("null")) {
            return b;
        }
        if ((a.equals("bigint") && b.equals("double"))
                || (a.equals("double") && b.equals("bigint"))) {
            return "double";
        }
        return "string";
    }
}
