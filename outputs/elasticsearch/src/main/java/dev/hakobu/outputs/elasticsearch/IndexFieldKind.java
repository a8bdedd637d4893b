package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.outputs.format.IsoTimes;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The type of a declared field: its mapping, and which JSON values fit it. A value fits only if both
 * servers index it under that mapping; the checks are stricter than the servers (no coercion of
 * {@code "12.5"} to a long), so what passes here is never refused.
 */
public enum IndexFieldKind {
    /** {@code long}: a JSON integer in the int64 range, or a string of one. */
    INTEGER("{\"type\":\"long\",\"ignore_malformed\":true}"),
    /** {@code double}: a finite JSON number, or a string of a decimal number. */
    FLOAT("{\"type\":\"double\",\"ignore_malformed\":true}"),
    /** {@code boolean}: true/false, or the strings "true"/"false". */
    BOOLEAN("{\"type\":\"boolean\"}"),
    /**
     * {@code date}: an ISO-8601 date, or date and time with seconds (fraction and offset optional), as
     * the agent's {@code type: time} and the event time write them; or an integer of epoch milliseconds.
     */
    TIME(
            "{\"type\":\"date\",\"format\":\"strict_date_optional_time||epoch_millis\",\"ignore_malformed\":true}"),
    /** {@code keyword}: any scalar (exact match and aggregations; untyped strings are text). */
    STRING("{\"type\":\"keyword\",\"ignore_above\":8191}");

    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final String mapping;

    IndexFieldKind(String mapping) {
        this.mapping = mapping;
    }

    /** The field's mapping in the index template, as JSON. */
    String mapping() {
        return mapping;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a JSON string value fits (also how {@code null_as} is checked). */
    boolean fits(String text) {
        return switch (this) {
            case INTEGER -> isLong(text);
            case FLOAT ->
                    DECIMAL.matcher(text).matches() && Double.isFinite(Double.parseDouble(text));
            case BOOLEAN -> text.equals("true") || text.equals("false");
            case TIME -> IsoTimes.matches(text);
            case STRING -> true;
        };
    }

    /** Whether a JSON integer (its text) fits. */
    boolean fitsInteger(String digits) {
        return switch (this) {
            case INTEGER, TIME -> isLong(digits);
            case FLOAT, STRING -> true;
            case BOOLEAN -> false;
        };
    }

    /** Whether a JSON number with a fraction or exponent fits. */
    boolean fitsFloat(double value) {
        return switch (this) {
            case FLOAT -> Double.isFinite(value);
            case STRING -> true;
            default -> false;
        };
    }

    /** Whether a JSON true or false fits. */
    boolean fitsBoolean() {
        return this == BOOLEAN || this == STRING;
    }

    private static boolean isLong(String text) {
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
