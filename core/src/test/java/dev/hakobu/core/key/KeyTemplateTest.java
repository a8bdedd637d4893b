package dev.hakobu.core.key;

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
        assertThat(KeyTemplate.parse("dt=%Y-%m-%d", ZoneId.of("UTC")).render("t", "n", "c", at("2020-08-15T00:00:00+09:00")))
                .isEqualTo("dt=2020-08-14");
    }

    @Test
    void tagPartsHoursMinutesSecondsAndPercent() {
        KeyTemplate t = KeyTemplate.parse("${tag[0]}/${tag[1]}/${tag[5]}/%H:%M:%S/100%%", ZoneId.of("UTC"));
        assertThat(t.render("app.web.access", "n", "c", at("2020-01-02T03:04:05Z"))).isEqualTo("app/web/_/03:04:05/100%");
    }

    @Test
    void eventsInOneMinuteShareATimeBucketUnlessSecondsAreUsed() {
        KeyTemplate days = KeyTemplate.parse("dt=%Y-%m-%d", TOKYO);
        assertThat(days.timeBucket(at("2020-01-01T00:00:01Z"))).isEqualTo(days.timeBucket(at("2020-01-01T00:00:59Z")));
        KeyTemplate secs = KeyTemplate.parse("%S", TOKYO);
        assertThat(secs.timeBucket(at("2020-01-01T00:00:01Z"))).isNotEqualTo(secs.timeBucket(at("2020-01-01T00:00:02Z")));
    }

    @Test
    void unknownPlaceholdersAndLettersAreNamed() {
        assertThatThrownBy(() -> KeyTemplate.parse("${app}", TOKYO)).hasMessageContaining("${app}");
        assertThatThrownBy(() -> KeyTemplate.parse("%Q", TOKYO)).hasMessageContaining("%Q");
        assertThatThrownBy(() -> KeyTemplate.parse("${tag", TOKYO)).hasMessageContaining("unclosed");
    }
}
