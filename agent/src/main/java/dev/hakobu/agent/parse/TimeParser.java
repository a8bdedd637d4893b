package dev.hakobu.agent.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Turns a time field's text into epoch nanoseconds. Formats: {@code iso8601} (offset optional, the
 * zone applies when absent; a space may stand for the 'T'), {@code epoch} (seconds, fractions allowed), {@code epoch_millis}, or a
 * {@link DateTimeFormatter} pattern such as {@code dd/MMM/yyyy:HH:mm:ss Z}. Remembers the last text,
 * since consecutive log lines often share their timestamp. Not thread-safe.
 */
public final class TimeParser {
    private final String format;
    private final DateTimeFormatter formatter;
    private final ZoneId zone;

    /** The zone's offset when it never changes (UTC, +09:00), else Integer.MIN_VALUE. */
    private final int fixedOffsetSeconds;

    private String lastText;
    private long lastNanos;

    private TimeParser(String format, DateTimeFormatter formatter, ZoneId zone) {
        this.format = format;
        this.formatter = formatter;
        this.zone = zone;
        this.fixedOffsetSeconds =
                zone.getRules().isFixedOffset()
                        ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds()
                        : Integer.MIN_VALUE;
    }

    /** @throws IllegalArgumentException for a pattern {@link DateTimeFormatter} rejects */
    public static TimeParser of(String format, ZoneId zone) {
        return switch (format) {
            case "iso8601" -> new TimeParser(format, DateTimeFormatter.ISO_DATE_TIME, zone);
            case "epoch", "epoch_millis" -> new TimeParser(format, null, zone);
            default ->
                    new TimeParser(format, DateTimeFormatter.ofPattern(format, Locale.ROOT), zone);
        };
    }

    /** @throws DateTimeException when the text does not match the format */
    public long parse(String text) {
        if (text.equals(lastText)) {
            return lastNanos;
        }
        long nanos =
                switch (format) {
                    case "epoch" -> fromSeconds(parseNumber(text));
                    case "epoch_millis" -> fromSeconds(parseNumber(text) / 1000.0);
                    case "iso8601" -> iso(text);
                    case FastClfTime.PATTERN -> clf(text);
                    default -> fromTemporal(formatter.parse(text.trim()));
                };
        lastText = text;
        lastNanos = nanos;
        return nanos;
    }

    private long iso(String text) {
        long fast = FastIso8601.parse(text, fixedOffsetSeconds);
        return fast != FastIso8601.NOT_PARSED
                ? fast
                : fromTemporal(formatter.parse(isoWithT(text.trim())));
    }

    private long clf(String text) {
        long fast = FastClfTime.parse(text);
        return fast != FastIso8601.NOT_PARSED ? fast : fromTemporal(formatter.parse(text.trim()));
    }

    /** {@code 2020-08-14 11:22:33} is how many loggers write ISO-8601; read it as {@code 2020-08-14T11:22:33}. */
    private static String isoWithT(String text) {
        return text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
    }

    /** A numeric time field: seconds for {@code epoch} and the text formats, milliseconds for {@code epoch_millis}. */
    public long fromNumber(double value) {
        return fromSeconds("epoch_millis".equals(format) ? value / 1000.0 : value);
    }

    /** An integral time field, exactly: seconds, or milliseconds for {@code epoch_millis}. */
    public long fromInteger(long value) {
        return "epoch_millis".equals(format)
                ? Math.multiplyExact(value, 1_000_000L)
                : Math.multiplyExact(value, 1_000_000_000L);
    }

    private static double parseNumber(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new DateTimeException("not a number: " + text);
        }
    }

    private static long fromSeconds(double seconds) {
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return whole * 1_000_000_000L + nanos;
    }

    private long fromTemporal(TemporalAccessor t) {
        Instant instant;
        if (t.isSupported(ChronoField.OFFSET_SECONDS)
                || t.query(java.time.temporal.TemporalQueries.zone()) != null) {
            instant = ZonedDateTime.from(t).toInstant();
        } else {
            instant = LocalDateTime.from(t).atZone(zone).toInstant();
        }
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
