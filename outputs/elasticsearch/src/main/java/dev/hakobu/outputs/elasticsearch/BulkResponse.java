package dev.hakobu.outputs.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-item results of a bulk response, in request order. Reads full responses and the
 * {@code filter_path} subset alike, from Elasticsearch 8 and OpenSearch 2.
 *
 * @param errors the server's own "any item failed" flag; when false and items are absent, all succeeded
 */
record BulkResponse(boolean errors, List<Item> items) {
    private static final JsonFactory JSON = new JsonFactory();

    /** One item: its status, and for failures the error type and a reason a person can act on. */
    record Item(int status, String errorType, String reason) {}

    /** @throws IOException when the body is not a bulk response (a proxy's HTML page, a truncated body) */
    static BulkResponse parse(byte[] body) throws IOException {
        boolean errors = false;
        List<Item> items = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("errors")) {
                    errors = value == JsonToken.VALUE_TRUE;
                } else if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.nextToken();
                        p.nextToken();
                        items.add(item(p));
                        p.nextToken();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new BulkResponse(errors, items);
    }

    /** Reads {@code {"status": ..., "error": {...}, ...}} (the value under the action name). */
    private static Item item(JsonParser p) throws IOException {
        int status = 0;
        String type = null;
        String reason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("status")) {
                status = p.getIntValue();
            } else if (field.equals("error") && p.currentToken() == JsonToken.START_OBJECT) {
                String[] error = error(p);
                type = error[0];
                reason = error[1];
            } else {
                p.skipChildren();
            }
        }
        return new Item(status, type, reason);
    }

    /** {type, "reason (caused by: reason)"}; the cause often names the bad value ("For input string: \"big\""). */
    private static String[] error(JsonParser p) throws IOException {
        String type = null;
        String reason = null;
        String cause = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("type")) {
                type = p.getText();
            } else if (field.equals("reason")) {
                reason = p.getText();
            } else if (field.equals("caused_by") && p.currentToken() == JsonToken.START_OBJECT) {
                cause = error(p)[1];
            } else {
                p.skipChildren();
            }
        }
        return new String[] {type, cause == null ? reason : reason + " (caused by: " + cause + ")"};
    }
}
