package dev.hakobu.agent.parse;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Which field carries the event time and how to read it; shared by the structured parsers.
 * A value that does not parse leaves the arrival time and is reported in {@code _time_parse_error}.
 */
final class TimeField {
    static final String ERROR = "_time_parse_error";
    private final String key;
    private final byte[] keyBytes;
    private final TimeParser parser;

    private TimeField(String key, TimeParser parser) {
        this.key = key;
        this.keyBytes = key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.parser = parser;
    }

    static TimeField of(Optional<String> key, String format, ZoneId zone) {
        return new TimeField(key.orElse(null), TimeParser.of(format, zone));
    }

    boolean matches(String field) {
        return key != null && key.equals(field);
    }

    boolean matches(byte[] buf, int off, int len) {
        return keyBytes != null
                && java.util.Arrays.equals(keyBytes, 0, keyBytes.length, buf, off, off + len);
    }

    /** @return null when parsed into {@code out}, else the reason it failed */
    String apply(String text, RecordBuilder out) {
        try {
            out.eventNanos(parser.parse(text));
            return null;
        } catch (DateTimeException e) {
            return key + ": cannot read '" + text + "' as time: " + e.getMessage();
        }
    }

    void apply(double number, RecordBuilder out) {
        out.eventNanos(parser.fromNumber(number));
    }

    /** @return null when set, else why not (beyond the range of epoch nanoseconds) */
    String apply(long integer, RecordBuilder out) {
        try {
            out.eventNanos(parser.fromInteger(integer));
            return null;
        } catch (ArithmeticException e) {
            return key + ": " + integer + " is out of range as a time";
        }
    }
}
