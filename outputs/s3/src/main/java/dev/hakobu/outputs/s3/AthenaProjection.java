package dev.hakobu.outputs.s3;

import dev.hakobu.outputs.s3.AthenaLayout.Partition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;

/**
 * The partition projection properties of one partition column, so Athena computes the partitions
 * instead of reading them from a metastore.
 *
 * <p>A segment of one time field ({@code year=%Y}, {@code month=%m}, {@code day=%d}, {@code
 * hour=%H}) is an {@code integer} projection, zero-padded to two digits where the output pads
 * ({@code 08}): a date projection over {@code MM} alone would need a date range Athena cannot
 * parse in that format. A segment of several fields ({@code dt=%Y-%m-%d}, {@code dt=%Y%m%d%H}) is a
 * {@code date} projection whose range starts at {@code since} in the segment's own format.
 *
 * <p>The date range ends at {@code NOW} plus the output zone's largest UTC offset, rounded up to
 * hours: Athena evaluates {@code NOW} in UTC, so in Asia/Tokyo today's partition would otherwise be
 * invisible from 00:00 to 09:00 local time. For a zone with daylight saving the largest offset is
 * the summer one (the DDL is made once and must hold all year); a zone west of UTC needs nothing
 * added. A year's integer range cannot say {@code NOW}: it runs from {@code since}'s year to {@link
 * #LAST_YEAR}.
 */
final class AthenaProjection {
    /** The last year an integer {@code %Y} projection lists; partitions past it are not queried. */
    static final int LAST_YEAR = 2099;

    private AthenaProjection() {}

    /** The {@code 'projection.<name>.*' = '...',} lines of one partition, each ending in a newline. */
    static String properties(Partition p, LocalDate since, ZoneId zone, Instant now) {
        String prefix = "  'projection." + p.name();
        StringBuilder out = new StringBuilder();
        switch (p.format()) {
            case "%Y" -> integer(out, prefix, since.getYear() + "," + LAST_YEAR, 0);
            case "%m" -> integer(out, prefix, "1,12", 2);
            case "%d" -> integer(out, prefix, "1,31", 2);
            case "%H" -> integer(out, prefix, "0,23", 2);
            default -> {
                String format = javaFormat(p.format());
                String start = since.atStartOfDay().format(DateTimeFormatter.ofPattern(format));
                property(out, prefix, "type", "date");
                property(out, prefix, "format", format);
                property(out, prefix, "range", start + "," + rangeEnd(zone, now));
                property(out, prefix, "interval", "1");
                property(out, prefix, "interval.unit", unit(p.format()));
            }
        }
        return out.toString();
    }

    /** {@code NOW}, or {@code NOW+<h>HOURS} for a zone east of UTC at any time of the year. */
    static String rangeEnd(ZoneId zone, Instant now) {
        int hours = (int) Math.ceil(maxOffsetSeconds(zone.getRules(), now) / 3600.0);
        return hours > 0 ? "NOW+" + hours + "HOURS" : "NOW";
    }

    private static int maxOffsetSeconds(ZoneRules rules, Instant now) {
        int max = rules.getOffset(now).getTotalSeconds();
        for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
            max = Math.max(max, r.getOffsetAfter().getTotalSeconds());
        }
        var next = rules.nextTransition(now);
        if (next != null) {
            max = Math.max(max, next.getOffsetAfter().getTotalSeconds());
        }
        return max;
    }

    private static void integer(StringBuilder out, String prefix, String range, int digits) {
        property(out, prefix, "type", "integer");
        property(out, prefix, "range", range);
        if (digits > 0) {
            property(out, prefix, "digits", Integer.toString(digits));
        }
    }

    private static void property(StringBuilder out, String prefix, String name, String value) {
        out.append(prefix).append('.').append(name).append("' = '").append(value).append("',\n");
    }

    private static String javaFormat(String format) {
        return format.replace("%Y", "yyyy")
                .replace("%m", "MM")
                .replace("%d", "dd")
                .replace("%H", "HH");
    }

    private static String unit(String format) {
        if (format.contains("%H")) {
            return "HOURS";
        }
        if (format.contains("%d")) {
            return "DAYS";
        }
        return format.contains("%m") ? "MONTHS" : "YEARS";
    }
}
