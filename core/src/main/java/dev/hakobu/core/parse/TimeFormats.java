package dev.hakobu.core.parse;

import java.time.ZoneId;

/** Config-time validation of a time format, so a bad pattern is a config error, not a runtime one. */
final class TimeFormats {
    private TimeFormats() {
    }

    static void check(String format, ZoneId zone) {
        try {
            TimeParser.of(format, zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("time_format: not a valid pattern: " + e.getMessage());
        }
    }
}
