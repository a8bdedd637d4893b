package dev.hakobu.outputs.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The ISO-8601 times a declared {@code time}/{@code timestamp} field accepts, as the agent's {@code type:
 * time} and the event time write them: a date, or a date and time with seconds, an optional fraction (up to
 * nanoseconds) and an optional offset ({@code Z} or {@code +HH:MM}). Strict: no other layout, no invalid day.
 */
public final class IsoTimes {
    private static final DateTimeFormatter ISO =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .appendValue(ChronoField.HOUR_OF_DAY, 2)
                    .appendLiteral(':')
                    .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
                    .appendLiteral(':')
                    .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH:MM", "Z")
                    .optionalEnd()
                    .optionalEnd()
                    .toFormatter(Locale.ROOT)
                    .withChronology(IsoChronology.INSTANCE)
                    .withResolverStyle(ResolverStyle.STRICT);

    private IsoTimes() {}

    /** Whether {@code text} is one of these times. */
    public static boolean matches(String text) {
        try {
            ISO.parse(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * Microseconds since the epoch of {@code text}: a date is its midnight, a time without offset is UTC,
     * digits beyond microseconds are dropped.
     *
     * @throws DateTimeException when it is not one of these times
     * @throws ArithmeticException when it is beyond a long of microseconds
     */
    public static long epochMicros(String text) {
        TemporalAccessor t = ISO.parse(text);
        LocalDate date = LocalDate.from(t);
        LocalTime time =
                t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
        ZoneOffset offset =
                t.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(t) : ZoneOffset.UTC;
        long seconds = date.atTime(time).toEpochSecond(offset);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), time.getNano() / 1_000L);
    }
}
