package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.event.EventTime;
import dev.hakobu.event.MalformedEventsException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryWriterTest {

    @Test
    void writtenEntriesReadBackWithTheirTimesAndRecordBytes() {
        EntryWriter writer = new EntryWriter(1);
        for (int i = 0; i < 1000; i++) {
            byte[] record = Frames.record(i);
            writer.add(Frames.T0 + i, record, 0, record.length);
        }
        List<Long> times = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        int count =
                EntryReader.read(
                        writer.array(),
                        0,
                        writer.size(),
                        (t, b, o, l) -> {
                            times.add(t);
                            seqs.add(Frames.seq(b, o, l));
                        });
        assertThat(count).isEqualTo(writer.count()).isEqualTo(1000);
        assertThat(times.get(999)).isEqualTo(Frames.T0 + 999);
        assertThat(seqs.get(500)).isEqualTo(500);
        assertThat(java.util.Arrays.copyOf(writer.array(), writer.size()))
                .isEqualTo(Frames.entries(0, 1000));
    }

    @Test
    void resetKeepsTheBufferAndForgetsTheEntries() {
        EntryWriter writer = new EntryWriter(64);
        byte[] record = Frames.record(1);
        writer.add(0, record, 0, record.length);
        writer.reset();
        assertThat(writer.size()).isZero();
        assertThat(writer.count()).isZero();
    }

    @Test
    void aRecordThatIsNotAMapIsRefused() {
        assertThatThrownBy(() -> new EntryWriter(64).add(0, new byte[] {1}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventTimeRoundTripsNanosecondsIncludingBeforeTheEpochSecond() {
        byte[] buf = new byte[EventTime.ENCODED_LENGTH];
        for (long nanos : new long[] {0, 1, 999_999_999, Frames.T0, 4_294_967_295_999_999_999L}) {
            assertThat(EventTime.write(nanos, buf, 0)).isEqualTo(EventTime.ENCODED_LENGTH);
            assertThat(EventTime.decode(buf, 2)).isEqualTo(nanos);
        }
    }

    @Test
    void truncatedOrNonMapEntriesAreProtocolErrors() {
        byte[] entries = Frames.entries(0, 2);
        assertThatThrownBy(() -> EntryReader.count(entries, 0, entries.length - 1))
                .isInstanceOf(MalformedEventsException.class)
                .hasMessageContaining("truncated");
        byte[] notMap = Frames.pack(p -> p.packArrayHeader(2).packInt(1).packString("x"));
        assertThatThrownBy(() -> EntryReader.count(notMap, 0, notMap.length))
                .isInstanceOf(MalformedEventsException.class)
                .hasMessageContaining("record map");
    }
}
