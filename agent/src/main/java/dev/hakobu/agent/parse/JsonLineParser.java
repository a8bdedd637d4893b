package dev.hakobu.agent.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hakobu.event.MsgpackValues;
import java.io.IOException;
import org.msgpack.core.MessagePacker;

/**
 * One JSON object per line, streamed token by token into msgpack (no intermediate tree). Anything
 * else (an array, a bare value, trailing garbage, invalid JSON or UTF-8) is kept as a parse failure.
 * Flat lines take {@link JsonFastPath}; the rest, and every error, go through Jackson.
 */
final class JsonLineParser implements LineParser {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private final TimeField time;
    private final FieldTypes types;
    private final ParseErrorMode onError;
    private final JsonFastPath fast;

    JsonLineParser(TimeField time, FieldTypes types, ParseErrorMode onError) {
        this(time, types, onError, true);
    }

    /** {@code fastPath} false: Jackson only, for tests that hold the fast path to Jackson's output. */
    JsonLineParser(TimeField time, FieldTypes types, ParseErrorMode onError, boolean fastPath) {
        this.time = time;
        this.types = types;
        this.onError = onError;
        this.fast = fastPath ? new JsonFastPath(time, types) : null;
    }

    @Override
    public void parse(byte[] buf, int off, int len, long arrivalNanos, RecordBuilder out) {
        if (fast != null && fast.parse(buf, off, len, arrivalNanos, out)) {
            return;
        }
        out.begin(arrivalNanos);
        String timeError = null;
        types.begin();
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                ParseFailure.keep(buf, off, len, arrivalNanos, "not a JSON object", onError, out);
                return;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                out.key(name);
                Conversion c = types.isEmpty() ? null : types.find(name);
                if (c != null && value.isScalarValue()) {
                    if (time.matches(name)) {
                        timeError = applyTime(p, value, timeError, out);
                    }
                    types.failed(c.text(value == JsonToken.VALUE_NULL ? null : p.getText(), out));
                } else if (value == JsonToken.VALUE_STRING) {
                    if (time.matches(name)) {
                        String text = p.getText();
                        timeError = time.apply(text, out);
                        out.value(text);
                    } else {
                        out.chars(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                } else {
                    if (c != null) {
                        types.failed(name + ": cannot convert a nested value, kept as it is");
                    }
                    if (time.matches(name) && value.isNumeric()) {
                        time.apply(p.getDoubleValue(), out);
                    }
                    copy(p, value, out.packer());
                }
            }
            if (p.nextToken() != null) {
                ParseFailure.keep(
                        buf,
                        off,
                        len,
                        arrivalNanos,
                        "unexpected data after the JSON object",
                        onError,
                        out);
                return;
            }
        } catch (IOException e) {
            String reason =
                    e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getMessage();
            ParseFailure.keep(
                    buf,
                    off,
                    len,
                    arrivalNanos,
                    "invalid JSON: " + withoutSource(reason),
                    onError,
                    out);
            return;
        }
        if (timeError != null) {
            out.string(TimeField.ERROR, timeError);
        }
        types.report(out);
        out.finish();
    }

    private String applyTime(JsonParser p, JsonToken value, String timeError, RecordBuilder out)
            throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return time.apply(p.getText(), out);
        }
        if (value.isNumeric()) {
            time.apply(p.getDoubleValue(), out);
        }
        return timeError;
    }

    /** Jackson's messages may end with a location naming a redacted source; the line is kept anyway. */
    private static String withoutSource(String reason) {
        int cut = reason.indexOf(" (start marker at [Source");
        return cut < 0 ? reason : reason.substring(0, cut);
    }

    /** Copies the value starting at {@code t} (scalars, and objects and arrays recursively). */
    static void copy(JsonParser p, JsonToken t, MessagePacker m) throws IOException {
        switch (t) {
            case VALUE_STRING -> m.packString(p.getText());
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    java.math.BigInteger big = p.getBigIntegerValue();
                    if (big.bitLength() <= (big.signum() < 0 ? 63 : 64)) {
                        m.packBigInteger(big);
                    } else {
                        // beyond msgpack's 64-bit integers: kept as its digits (packBigInteger
                        // threw, and the
                        // exception stopped the agent's reader thread)
                        m.packString(p.getText());
                    }
                } else {
                    m.packLong(p.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> m.packDouble(p.getDoubleValue());
            case VALUE_TRUE -> m.packBoolean(true);
            case VALUE_FALSE -> m.packBoolean(false);
            case VALUE_NULL -> m.packNil();
            // msgpack wants a size before the items; nested values are rare in log lines, so read
            // them whole
            case START_OBJECT, START_ARRAY -> MsgpackValues.pack(JsonValues.read(p, t), m);
            default ->
                    throw new com.fasterxml.jackson.core.JsonParseException(
                            p, "unexpected token " + t);
        }
    }
}
