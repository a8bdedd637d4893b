package dev.hakobu.outputs.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static long at(String iso) {
        return OffsetDateTime.parse(iso).toEpochSecond();
    }

    @Test
    void theDefaultLayoutUsesTheEventDateInTheConfiguredZone() {
        KeyTemplate t = KeyTemplate.parse("logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}", TOKYO);
        assertThat(t.render("app.api", "n1", "abc", at("2020-08-14T23:59:59+09:00")))
                .isEqualTo("logs/app.api/dt=2020-08-14/n1-abc");
        assertThat(t.render("app.api", "n1", "abc", at("2020-08-15T00:00:00+09:00")))
                .isEqualTo("logs/app.api/dt=2020-08-15/n1-abc");
        // the same instant is still the 14th in UTC
        assertThat(
                        KeyTemplate.parse("dt=%Y-%m-%d", ZoneId.of("UTC"))
                                .render("t", "n", "c", at("2020-08-15T00:00:00+09:00")))
                .isEqualTo("dt=2020-08-14");
    }

    @Test
    void tagPartsHoursMinutesSecondsAndPercent() {
        KeyTemplate t =
                KeyTemplate.parse("${tag[0]}/${tag[1]}/${tag[5]}/%H:%M:%S/100%%", ZoneId.of("UTC"));
        assertThat(t.render("app.web.access", "n", "c", at("2020-01-02T03:04:05Z")))
                .isEqualTo("app/web/_/03:04:05/100%");
    }

    @Test
    void eventsInOneMinuteShareATimeBucketUnlessSecondsAreUsed() {
        KeyTemplate days = KeyTemplate.parse("dt=%Y-%m-%d", TOKYO);
        assertThat(days.timeBucket(at("2020-01-01T00:00:01Z")))
                .isEqualTo(days.timeBucket(at("2020-01-01T00:00:59Z")));
        KeyTemplate secs = KeyTemplate.parse("%S", TOKYO);
        assertThat(secs.timeBucket(at("2020-01-01T00:00:01Z")))
                .isNotEqualTo(secs.timeBucket(at("2020-01-01T00:00:02Z")));
    }

    @Test
    void aDayPartitionedTemplateHasOneBucketPerLocalDay() {
        KeyTemplate days = KeyTemplate.parse("dt=%Y-%m-%d", TOKYO);
        assertThat(days.timeBucket(at("2020-08-14T00:00:00+09:00")))
                .isEqualTo(days.timeBucket(at("2020-08-14T23:59:59+09:00")));
        assertThat(days.timeBucket(at("2020-08-14T23:59:59+09:00")))
                .isNotEqualTo(days.timeBucket(at("2020-08-15T00:00:00+09:00")));
        KeyTemplate none = KeyTemplate.parse("logs/${tag}", TOKYO);
        assertThat(none.timeBucket(at("2020-08-14T00:00:00Z")))
                .isEqualTo(none.timeBucket(at("2031-01-01T00:00:00Z")));
    }

    @Test
    void instantsInOneBucketRenderTheSameKeyInEveryZoneIncludingDaylightSavingChanges() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        String[] zones = {
            "UTC",
            "Asia/Tokyo",
            "America/New_York",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "Europe/London"
        };
        String[] templates = {"dt=%Y-%m-%d", "%Y/%m/%d/%H", "%H%M", "%Y-%m", "x"};
        long from = at("2020-01-01T00:00:00Z");
        for (String zone : zones) {
            for (String text : templates) {
                KeyTemplate t = KeyTemplate.parse(text, ZoneId.of(zone));
                for (int i = 0; i < 20_000; i++) {
                    long a = from + random.nextLong(3L * 365 * 86_400);
                    long b = a + random.nextLong(-7_200, 7_200);
                    if (t.timeBucket(a) == t.timeBucket(b)) {
                        assertThat(t.render("t", "n", "c", b))
                                .as("%s in %s", text, zone)
                                .isEqualTo(t.render("t", "n", "c", a));
                    }
                }
            }
        }
    }

    @Test
    void unknownPlaceholdersAndLettersAreNamed() {
        assertThatThrownBy(() -> KeyTemplate.parse("${app}", TOKYO)).hasMessageContaining("${app}");
        assertThatThrownBy(() -> KeyTemplate.parse("%Q", TOKYO)).hasMessageContaining("%Q");
        assertThatThrownBy(() -> KeyTemplate.parse("${tag", TOKYO))
                .hasMessageContaining("unclosed");
    }
}
