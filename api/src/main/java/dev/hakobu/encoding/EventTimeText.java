package dev.hakobu.encoding;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Writes an event time as a JSON value in one {@link EventTimeFormat} (see there for the text). Runs once
 * per record on the output workers' hot path, so ISO-8601 goes without java.time per record: the text of
 * the last second, its offset and the span of instants that share the date and offset (one local day,
 * clipped at the zone's offset transitions) are kept; another second of that span only rewrites the six
 * clock digits, and the fraction is written digit by digit. The events of a chunk mostly fall in one day,
 * so java.time runs about once per chunk and day. Not thread-safe: one per encoder.
 */
final class EventTimeText {
    private static final long NANOS = 1_000_000_000L;

    /** Longest fraction and offset: {@code .123456789} and {@code +09:18:59"}. */
    private static final int TAIL = 10 + 10;

    private final EventTimeFormat format;
    private final ZoneRules rules;

    /** {@code "yyyy-MM-ddTHH:mm:ss} of {@link #second}. */
    private byte[] clock = new byte[0];

    private long second = Long.MIN_VALUE;

    /** The offset and the closing quote, e.g. {@code +09:00"} or {@code Z"}. */
    private byte[] offset = new byte[0];

    /** Epoch second of the cached local day's midnight, and the span [from, to) the date and offset hold for. */
    private long midnight;

    private long from = 1;
    private long to = 0;

    EventTimeText(EventTimeFormat format, ZoneId zone) {
        this.format = format;
        this.rules = zone.getRules();
    }

    void write(JsonBytes out, long epochNanos) {
        switch (format) {
            case EPOCH_SECONDS -> out.writeLong(Math.floorDiv(epochNanos, NANOS));
            case EPOCH_MILLIS -> out.writeLong(Math.floorDiv(epochNanos, 1_000_000L));
            case ISO8601 -> iso(out, epochNanos);
        }
    }

    private void iso(JsonBytes out, long epochNanos) {
        long s = epochNanos / NANOS;
        int nanos = (int) (epochNanos - s * NANOS);
        if (nanos < 0) {
            s--;
            nanos += (int) NANOS;
        }
        if (s != second) {
            if (s < from || s >= to) {
                day(s);
            }
            second = s;
            clock(clock, clock.length - 8, (int) (s - midnight));
        }
        out.reserve(clock.length + TAIL);
        byte[] b = out.array();
        int at = out.size();
        System.arraycopy(clock, 0, b, at, clock.length);
        at += clock.length;
        if (nanos != 0) {
            b[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(b, at, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                at = digits(b, at, nanos / 1000, 6);
            } else {
                at = digits(b, at, nanos, 9);
            }
        }
        System.arraycopy(offset, 0, b, at, offset.length);
        out.truncate(at + offset.length);
    }

    /** {@code HH:mm:ss} of a second of the day at {@code b[at]}. */
    private static void clock(byte[] b, int at, int ofDay) {
        int h = ofDay / 3600;
        int m = ofDay / 60 % 60;
        int sec = ofDay % 60;
        b[at] = (byte) ('0' + h / 10);
        b[at + 1] = (byte) ('0' + h % 10);
        b[at + 2] = ':';
        b[at + 3] = (byte) ('0' + m / 10);
        b[at + 4] = (byte) ('0' + m % 10);
        b[at + 5] = ':';
        b[at + 6] = (byte) ('0' + sec / 10);
        b[at + 7] = (byte) ('0' + sec % 10);
    }

    /** {@code v} as exactly {@code width} digits, zero-padded, at {@code b[at]}; returns the end. */
    private static int digits(byte[] b, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + width;
    }

    /** Caches the local day of {@code s}: its date, offset, midnight and the span where these hold. */
    private void day(long s) {
        Instant instant = Instant.ofEpochSecond(s);
        ZoneOffset zoneOffset = rules.getOffset(instant);
        int shift = zoneOffset.getTotalSeconds();
        long localDay = Math.floorDiv(s + shift, 86_400L);
        midnight = localDay * 86_400L - shift;
        from = midnight;
        to = midnight + 86_400L;
        ZoneOffsetTransition previous = rules.previousTransition(Instant.ofEpochSecond(s + 1));
        if (previous != null) {
            from = Math.max(from, previous.toEpochSecond());
        }
        ZoneOffsetTransition next = rules.nextTransition(instant);
        if (next != null) {
            to = Math.min(to, next.toEpochSecond());
        }
        clock =
                ("\"" + LocalDate.ofEpochDay(localDay) + "T00:00:00")
                        .getBytes(StandardCharsets.US_ASCII);
        offset = (zoneOffset.getId() + "\"").getBytes(StandardCharsets.US_ASCII);
    }
}
