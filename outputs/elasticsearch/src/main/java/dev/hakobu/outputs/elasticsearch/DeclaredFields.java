package dev.hakobu.outputs.elasticsearch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a document fit its declared fields, so the server indexes it: a top-level declared field whose
 * value does not fit its {@link IndexFieldKind} becomes its {@code null_as} (or null), the original goes
 * to {@code _raw.<field>} (a string: the text, or the JSON of a number, object or array) and the reason
 * to {@code _type_error}, both merged with what the record already has there (the agent fills them the
 * same way). A document that fits is returned as it is, the same array. Thread-safe (no state).
 */
final class DeclaredFields {
    static final String RAW = "_raw";
    static final String ERROR = "_type_error";
    private static final JsonFactory JSON = new JsonFactory();
    private final Map<String, IndexFieldType> types;

    DeclaredFields(Map<String, IndexFieldType> types) {
        this.types = Map.copyOf(types);
    }

    /** The document, or a new one where each declared field that did not fit is replaced. */
    byte[] fit(byte[] document) {
        if (types.isEmpty()) {
            return document;
        }
        try {
            Map<String, String> misfits = misfits(document);
            return misfits.isEmpty() ? document : rewrite(document, misfits);
        } catch (IOException e) {
            throw new UncheckedIOException("a document the encoder wrote is not JSON", e);
        }
    }

    /** Each declared field whose value does not fit, with that value as text (JSON for a structure). */
    private Map<String, String> misfits(byte[] document) throws IOException {
        Map<String, String> misfits = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(document)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return misfits;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                IndexFieldType type = types.get(name);
                JsonToken value = p.nextToken();
                if (type == null) {
                    p.skipChildren();
                } else if (value.isStructStart()) {
                    String json = asJson(p);
                    if (value == JsonToken.START_OBJECT || !arrayFits(type.type(), json)) {
                        misfits.put(name, json);
                    }
                } else if (!fits(type.type(), p, value)) {
                    misfits.put(name, p.getText());
                }
            }
        }
        return misfits;
    }

    private static boolean arrayFits(IndexFieldKind kind, String json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t.isStructStart() || t == JsonToken.VALUE_NULL || !fits(kind, p, t)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean fits(IndexFieldKind kind, JsonParser p, JsonToken value)
            throws IOException {
        return switch (value) {
            case VALUE_NULL -> true;
            case VALUE_STRING -> kind.fits(p.getText());
            case VALUE_NUMBER_INT -> kind.fitsInteger(p.getText());
            case VALUE_NUMBER_FLOAT -> kind.fitsFloat(p.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> kind.fitsBoolean();
            default -> false;
        };
    }

    /**
     * The document with each misfit replaced by its null_as, then {@code _raw} (what the record had there,
     * then our originals for fields it did not name) and {@code _type_error} (the record's, then ours).
     */
    private byte[] rewrite(byte[] document, Map<String, String> misfits) throws IOException {
        Map<String, String> raw = new LinkedHashMap<>();
        StringBuilder reasons = new StringBuilder();
        ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + 64);
        try (JsonParser p = JSON.createParser(document);
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            p.nextToken();
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                if (misfits.containsKey(name)) {
                    p.skipChildren();
                    g.writeFieldName(name);
                    writeNullAs(g, types.get(name));
                } else if (name.equals(RAW) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.getCurrentName();
                        JsonToken v = p.nextToken();
                        raw.put(field, v == JsonToken.VALUE_STRING ? p.getText() : asJson(p));
                    }
                } else if (name.equals(RAW)) {
                    raw.put(RAW, value == JsonToken.VALUE_STRING ? p.getText() : asJson(p));
                } else if (name.equals(ERROR)) {
                    reasons.append(value == JsonToken.VALUE_STRING ? p.getText() : asJson(p));
                } else {
                    g.writeFieldName(name);
                    g.copyCurrentStructure(p);
                }
            }
            misfits.forEach(
                    (name, original) -> {
                        raw.putIfAbsent(name, original);
                        reasons.append(reasons.length() == 0 ? "" : "; ")
                                .append(reason(name, original, types.get(name).type()));
                    });
            g.writeObjectFieldStart(RAW);
            for (Map.Entry<String, String> e : raw.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField(ERROR, reasons.toString());
            g.writeEndObject();
        }
        out.write('\n'); // one JSON line, as the encoder wrote it
        return out.toByteArray();
    }

    private static String reason(String name, String original, IndexFieldKind kind) {
        String shown = original.length() > 64 ? original.substring(0, 64) + "..." : original;
        return name + ": cannot read '" + shown + "' as " + kind.label();
    }

    private static void writeNullAs(JsonGenerator g, IndexFieldType type) throws IOException {
        Optional<String> nullAs = type.nullAs();
        if (nullAs.isEmpty()) {
            g.writeNull();
            return;
        }
        String v = nullAs.get();
        switch (type.type()) {
            case INTEGER -> g.writeNumber(Long.parseLong(v));
            case FLOAT -> g.writeNumber(Double.parseDouble(v));
            case BOOLEAN -> g.writeBoolean(Boolean.parseBoolean(v));
            default -> g.writeString(v);
        }
    }

    private static String asJson(JsonParser p) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.copyCurrentStructure(p);
        }
        return text.toString();
    }
}
