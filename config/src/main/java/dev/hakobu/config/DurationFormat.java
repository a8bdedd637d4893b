package dev.hakobu.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 500ms}, {@code 5s}, {@code 1m}, {@code 2h}, {@code 1d}, combinations
 * such as {@code 1h30m}, or ISO-8601 ({@code PT5S}). A bare number is refused: nobody should have to guess the unit.
 */
public final class DurationFormat {
    private static final Pattern PART =
            Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "units: ms, s, m, h, d";

    private DurationFormat() {}

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(
                    "expected a duration such as 500ms, 5s or 1m, found an empty value");
        }
        if (trimmed.matches("\\d+")) {
            throw new IllegalArgumentException(
                    "'"
                            + trimmed
                            + "' has no unit; write "
                            + trimmed
                            + "s for seconds or "
                            + trimmed
                            + "ms for milliseconds ("
                            + UNITS
                            + ")");
        }
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            return iso(trimmed);
        }
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int position = 0;
        try {
            while (position < trimmed.length() && part.find(position) && part.start() == position) {
                total =
                        total.plus(
                                of(
                                        Long.parseLong(part.group(1)),
                                        part.group(2).toLowerCase(Locale.ROOT)));
                position = part.end();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + trimmed + "' is too long");
        }
        if (position != trimmed.length()) {
            throw new IllegalArgumentException(
                    "'"
                            + trimmed
                            + "' is not a duration; write for example 500ms, 5s, 1m,"
                            + " 2h or 1d ("
                            + UNITS
                            + ")");
        }
        return total;
    }

    /** The way an operator writes it: {@code 3s}, {@code 10m}, {@code 1h30m}, {@code 500ms}; {@code 0s} for zero. */
    public static String toText(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return duration.isZero() ? "0s" : duration.toString();
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDays(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.length() > 0 ? text.toString() : duration.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("unit " + unit + " matched but not handled");
        };
    }

    private static Duration iso(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not an ISO-8601 duration such as PT5S;"
                            + " or write 500ms, 5s, 1m, 2h, 1d");
        }
    }
}
