package dev.hakobu.aggregator.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.event.TimeSpan;
import dev.hakobu.output.Partitioner;
import dev.hakobu.outputs.key.KeyTemplate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionSplitterTest {
    private static final Partitioner DAYS =
            KeyTemplate.parse("dt=%Y-%m-%d", ZoneId.of("Asia/Tokyo")).partitioner();
    private static final long NOON =
            Instant.parse("2020-08-14T03:00:00Z").getEpochSecond(); // 12:00 in Tokyo

    @Test
    void aBatchWhoseSpanLiesInOneDayIsOnePartWithTheCallersCount() {
        EntryWriter w = Entries.of(NOON, "a", "b", "c");
        List<PartitionSplitter.Part> parts =
                PartitionSplitter.split(
                        DAYS, "app.api", w.array(), 0, w.size(), 3, span(NOON, NOON + 3600));
        assertThat(parts)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.partition()).isEqualTo("dt=2020-08-14");
                            assertThat(p.count()).isEqualTo(3);
                            assertThat(p.entries()).isSameAs(w.array());
                        });
    }

    @Test
    void aSpanAcrossMidnightIsWalkedAndSplitByEachEventsDay() {
        EntryWriter early = Entries.of(NOON, "a");
        EntryWriter late = Entries.of(NOON + 13 * 3600, "b"); // 01:00 the next day in Tokyo
        byte[] both = new byte[early.size() + late.size()];
        System.arraycopy(early.array(), 0, both, 0, early.size());
        System.arraycopy(late.array(), 0, both, early.size(), late.size());
        List<PartitionSplitter.Part> parts =
                PartitionSplitter.split(
                        DAYS, "app.api", both, 0, both.length, 2, span(NOON, NOON + 13 * 3600));
        assertThat(parts)
                .extracting(PartitionSplitter.Part::partition)
                .containsExactly("dt=2020-08-14", "dt=2020-08-15");
        assertThat(parts).extracting(PartitionSplitter.Part::count).containsExactly(1, 1);
    }

    @Test
    void anUnknownSpanIsWalked() {
        EntryWriter w = Entries.of(NOON, "a", "b");
        List<PartitionSplitter.Part> parts =
                PartitionSplitter.split(
                        DAYS, "app.api", w.array(), 0, w.size(), -1, TimeSpan.UNKNOWN);
        assertThat(parts).singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(2));
    }

    @Test
    void aSpanAcrossADaylightSavingChangeIsNeverTakenAsOneBucket() {
        KeyTemplate hours = KeyTemplate.parse("%Y/%m/%d/%H", ZoneId.of("America/New_York"));
        long before = Instant.parse("2020-11-01T05:30:00Z").getEpochSecond(); // 01:30 EDT
        long after =
                Instant.parse("2020-11-01T06:10:00Z")
                        .getEpochSecond(); // 01:10 EST, after the change
        assertThat(hours.timeBucket(before)).isEqualTo(hours.timeBucket(after));
        assertThat(hours.oneBucket(before, after)).isFalse();
        assertThat(hours.oneBucket(before, before + 60)).isTrue();
    }

    private static TimeSpan span(long fromSecond, long toSecond) {
        return new TimeSpan(fromSecond * 1_000_000_000L, toSecond * 1_000_000_000L);
    }
}
