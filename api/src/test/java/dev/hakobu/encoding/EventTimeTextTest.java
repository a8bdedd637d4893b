package dev.hakobu.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventTimeTextTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final List<ZoneId> ZONES =
            List.of(
                    ZoneId.of("UTC"),
                    TOKYO,
                    ZoneId.of("Asia/Kolkata"),
                    ZoneId.of("America/New_York"),
                    ZoneId.of("Europe/London"),
                    ZoneId.of("Australia/Lord_Howe"),
                    ZoneId.of("America/St_Johns"),
                    ZoneId.of("+05:45"));

    private static long nanos(String iso) {
        OffsetDateTime t = OffsetDateTime.parse(iso);
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String text(EventTimeText text, long epochNanos) {
        JsonBytes out = new JsonBytes(16);
        text.write(out, epochNanos);
        return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
    }

    private static String iso(ZoneId zone, long epochNanos) {
        return text(new EventTimeText(EventTimeFormat.ISO8601, zone), epochNanos);
    }

    /** java.time's text: {@code Instant.toString} (fraction in 0, 3, 6 or 9 digits) of the local time, and the offset. */
    private static String reference(ZoneId zone, long epochNanos) {
        Instant instant =
                Instant.ofEpochSecond(
                        Math.floorDiv(epochNanos, 1_000_000_000L),
                        Math.floorMod(epochNanos, 1_000_000_000L));
        ZoneOffset offset = zone.getRules().getOffset(instant);
        String local = instant.plusSeconds(offset.getTotalSeconds()).toString();
        return "\"" + local.substring(0, local.length() - 1) + offset.getId() + "\"";
    }

    @Test
    void nanosecondsAreWrittenInTheOutputsZoneWithItsOffset() {
        assertThat(iso(TOKYO, nanos("2020-08-14T02:22:34.123456789Z")))
                .isEqualTo("\"2020-08-14T11:22:34.123456789+09:00\"");
    }

    @Test
    void theFractionHasThreeSixOrNineDigitsAndAWholeSecondNone() {
        assertThat(iso(TOKYO, nanos("2020-08-14T02:22:34Z")))
                .isEqualTo("\"2020-08-14T11:22:34+09:00\"");
        assertThat(iso(TOKYO, nanos("2020-08-14T02:22:34.5Z")))
                .isEqualTo("\"2020-08-14T11:22:34.500+09:00\"");
        assertThat(iso(TOKYO, nanos("2020-08-14T02:22:34.123Z")))
                .isEqualTo("\"2020-08-14T11:22:34.123+09:00\"");
        assertThat(iso(TOKYO, nanos("2020-08-14T02:22:34.000123Z")))
                .isEqualTo("\"2020-08-14T11:22:34.000123+09:00\"");
        assertThat(iso(TOKYO, nanos("2020-08-14T02:22:34.000000001Z")))
                .isEqualTo("\"2020-08-14T11:22:34.000000001+09:00\"");
    }

    @Test
    void utcIsWrittenWithZ() {
        assertThat(iso(ZoneId.of("UTC"), nanos("2020-08-14T02:22:34.120Z")))
                .isEqualTo("\"2020-08-14T02:22:34.120Z\"");
    }

    @Test
    void theOffsetFollowsDaylightSavingTime() {
        ZoneId newYork = ZoneId.of("America/New_York");
        EventTimeText text = new EventTimeText(EventTimeFormat.ISO8601, newYork);
        // 2020-03-08 02:00 EST became 03:00 EDT; the same encoder on both sides of the change
        assertThat(text(text, nanos("2020-03-08T06:59:59.999Z")))
                .isEqualTo("\"2020-03-08T01:59:59.999-05:00\"");
        assertThat(text(text, nanos("2020-03-08T07:00:00Z")))
                .isEqualTo("\"2020-03-08T03:00:00-04:00\"");
        // 2020-11-01 02:00 EDT fell back to 01:00 EST: 01:30 happens twice, with two offsets
        assertThat(text(text, nanos("2020-11-01T05:30:00Z")))
                .isEqualTo("\"2020-11-01T01:30:00-04:00\"");
        assertThat(text(text, nanos("2020-11-01T06:30:00Z")))
                .isEqualTo("\"2020-11-01T01:30:00-05:00\"");
        assertThat(text(text, nanos("2020-03-08T06:59:59.999Z")))
                .as("and back")
                .isEqualTo("\"2020-03-08T01:59:59.999-05:00\"");
    }

    @Test
    void timesBeforeTheEpochRoundTowardsThePast() {
        assertThat(iso(ZoneId.of("UTC"), -1)).isEqualTo("\"1969-12-31T23:59:59.999999999Z\"");
        assertThat(iso(TOKYO, -1_000_000)).isEqualTo("\"1970-01-01T08:59:59.999+09:00\"");
        assertThat(text(new EventTimeText(EventTimeFormat.EPOCH_SECONDS, TOKYO), -1))
                .isEqualTo("-1");
        assertThat(text(new EventTimeText(EventTimeFormat.EPOCH_MILLIS, TOKYO), -1))
                .isEqualTo("-1");
        assertThat(text(new EventTimeText(EventTimeFormat.EPOCH_MILLIS, TOKYO), -1_000_000))
                .isEqualTo("-1");
    }

    @Test
    void epochFormatsAreIntegersWhateverTheZone() {
        long t = nanos("2020-08-14T02:22:34.123456789Z");
        assertThat(text(new EventTimeText(EventTimeFormat.EPOCH_SECONDS, TOKYO), t))
                .isEqualTo("1597371754");
        assertThat(text(new EventTimeText(EventTimeFormat.EPOCH_MILLIS, TOKYO), t))
                .isEqualTo("1597371754123");
    }

    @Test
    void everyInstantMatchesJavaTimeInOrderAndOutOfOrder() {
        SplittableRandom random = new SplittableRandom(20200814);
        long start = nanos("1969-06-01T00:00:00Z");
        for (ZoneId zone : ZONES) {
            EventTimeText text = new EventTimeText(EventTimeFormat.ISO8601, zone);
            // in order, every 7 minutes and some nanoseconds over two years and a bit: every
            // transition, midnight and leap day
            for (long t = start;
                    t < start + 800L * 86_400 * 1_000_000_000L;
                    t += 7 * 60 * 1_000_000_000L + 1_000_003) {
                assertThat(text(text, t)).as("%s %d", zone, t).isEqualTo(reference(zone, t));
            }
            // out of order, 1678..2262, with whole seconds, millis, micros and nanos
            for (int i = 0; i < 20_000; i++) {
                long t = random.nextLong(Long.MIN_VALUE / 1000 * 999, Long.MAX_VALUE / 1000 * 999);
                t -=
                        Math.floorMod(
                                t,
                                switch (i % 4) {
                                    case 0 -> 1_000_000_000L;
                                    case 1 -> 1_000_000L;
                                    case 2 -> 1_000L;
                                    default -> 1L;
                                });
                assertThat(text(text, t)).as("%s %d", zone, t).isEqualTo(reference(zone, t));
            }
        }
    }
}
