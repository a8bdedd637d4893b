package dev.hakobu.agent.parse;

import java.time.ZoneId;
import java.util.Map;

/** Config-time validation of a time format, so a bad pattern is a config error, not a runtime one. */
final class TimeFormats {
    private TimeFormats() {}

    /** The structured parsers' shared validation: the time format and every typed field's own format. */
    static void check(String format, ZoneId zone, Map<String, FieldTypeConfig> types) {
        check(format, zone);
        types.forEach(
                (field, type) ->
                        type.format()
                                .ifPresent(
                                        f -> {
                                            try {
                                                TimeParser.of(f, zone);
                                            } catch (IllegalArgumentException e) {
                                                throw new IllegalArgumentException(
                                                        "types."
                                                                + field
                                                                + ".format: not a valid pattern: "
                                                                + e.getMessage());
                                            }
                                        }));
    }

    static void check(String format, ZoneId zone) {
        try {
            TimeParser.of(format, zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "time_format: not a valid pattern: " + e.getMessage());
        }
    }
}
