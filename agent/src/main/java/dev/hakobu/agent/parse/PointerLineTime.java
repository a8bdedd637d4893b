package dev.hakobu.agent.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.JsonPointerBasedFilter;
import com.fasterxml.jackson.core.filter.TokenFilter;
import java.io.IOException;

/**
 * {@code time_pointer}: the value at a JSON pointer of a JSON line, a string read with {@code time_format} or
 * a number (seconds, or milliseconds for {@code epoch_millis}). The line is streamed up to that value only:
 * what follows it is not checked, since the line is kept whole anyway.
 */
final class PointerLineTime implements LineTime {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private final JsonPointer pointer;
    private final TimeField time;

    PointerLineTime(JsonPointer pointer, TimeField time) {
        this.pointer = pointer;
        this.time = time;
    }

    /** @throws IllegalArgumentException (a config error) unless {@code text} is a pointer into the object, like /ts */
    static JsonPointer compile(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException(
                    "time_pointer: a JSON pointer starts with '/', e.g. /ts or /meta/time");
        }
        return JsonPointer.compile(text);
    }

    @Override
    public String apply(byte[] buf, int off, int len, RecordBuilder out) {
        try (JsonParser p =
                new FilteringParserDelegate(
                        FACTORY.createParser(buf, off, len),
                        new JsonPointerBasedFilter(pointer),
                        TokenFilter.Inclusion.ONLY_INCLUDE_ALL,
                        false)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return pointer + ": not found in the line";
            }
            if (t == JsonToken.VALUE_STRING) {
                return time.apply(p.getText(), out);
            }
            if (t == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return time.apply(p.getLongValue(), out);
            }
            if (t.isNumeric()) {
                time.apply(p.getDoubleValue(), out);
                return null;
            }
            return pointer + ": not a string or a number";
        } catch (IOException e) {
            String reason =
                    e instanceof JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getMessage();
            return pointer + ": the line is not JSON: " + reason;
        }
    }
}
