package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.TimeSpan;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * An entry whose time is well-formed msgpack but no time keeps its record, with the arrival time and a flag; the
 * other entries of the frame are untouched, and the frame is acked as a whole (no connection closed).
 */
class BadEventTimeTest {
    private static final Instant ARRIVAL = Instant.parse("2026-12-06T10:00:00.123456789Z");
    private static final long ARRIVAL_NANOS =
            ARRIVAL.getEpochSecond() * 1_000_000_000L + ARRIVAL.getNano();

    interface Time {
        void pack(MessagePacker p) throws IOException;
    }

    @Test
    void everyKindOfUnusableTimeBecomesTheArrivalTimeWithAFlagAndTheGoodEntriesKeepTheirs()
            throws IOException {
        List<Time> times =
                List.of(
                        p -> Frames.eventTime(p, Frames.T0), // good
                        p ->
                                p.packExtensionTypeHeader((byte) 5, 8)
                                        .writePayload(new byte[8]), // another ext type
                        p ->
                                p.packExtensionTypeHeader((byte) 0, 4)
                                        .writePayload(new byte[4]), // EventTime of the wrong length
                        p -> p.packDouble(Double.NaN),
                        p -> p.packDouble(Double.POSITIVE_INFINITY),
                        p -> p.packLong(0),
                        p -> p.packLong(-5),
                        p -> p.packLong(1L << 40), // after 2106
                        p -> p.packString("2020-08-14T11:22:33+09:00"),
                        p -> p.packNil(),
                        p ->
                                p.packExtensionTypeHeader((byte) 0, 8)
                                        .writePayload(
                                                ByteBuffer.allocate(8)
                                                        .putInt(1)
                                                        .putInt(2_000_000_000)
                                                        .array()),
                        p -> p.packLong(1_597_371_754L)); // good: integer seconds
        byte[] entries =
                Frames.pack(
                        p -> {
                            for (int i = 0; i < times.size(); i++) {
                                p.packArrayHeader(2);
                                times.get(i).pack(p);
                                p.packMapHeader(1).packString("seq").packInt(i);
                            }
                        });

        ForwardRequest request = decode(Frames.packedForward("t", entries, "c1", null));

        assertThat(request.count()).isEqualTo(times.size());
        List<Long> seen = new ArrayList<>();
        List<Value> records = new ArrayList<>();
        EntryReader.read(
                request.entries(),
                0,
                request.entries().length,
                (nanos, buf, off, len) -> {
                    seen.add(nanos);
                    records.add(unpack(buf, off, len));
                });
        assertThat(seen.get(0)).isEqualTo(Frames.T0);
        assertThat(seen.get(times.size() - 1)).isEqualTo(1_597_371_754_000_000_000L);
        for (int i = 1; i < times.size() - 1; i++) {
            assertThat(seen.get(i)).as("entry %d", i).isEqualTo(ARRIVAL_NANOS);
            assertThat(records.get(i).toJson())
                    .as("entry %d", i)
                    .contains("\"seq\":" + i)
                    .contains("\"_time_error\":\"entry " + i);
        }
        assertThat(records.get(0).toJson()).isEqualTo("{\"seq\":0}");
        assertThat(request.times())
                .isEqualTo(new TimeSpan(1_597_371_754_000_000_000L, ARRIVAL_NANOS));
    }

    @Test
    void aRecordWithFifteenFieldsGrowsIntoAMap16WithTheFlag() throws IOException {
        byte[] entries =
                Frames.pack(
                        p -> {
                            p.packArrayHeader(2).packNil();
                            p.packMapHeader(15);
                            for (int i = 0; i < 15; i++) {
                                p.packString("k" + i).packInt(i);
                            }
                        });
        ForwardRequest request = decode(Frames.packedForward("t", entries, "c1", null));
        EntryReader.read(
                request.entries(),
                0,
                request.entries().length,
                (nanos, buf, off, len) -> {
                    assertThat(buf[off] & 0xff).isEqualTo(0xde);
                    assertThat(unpack(buf, off, len).asMapValue().size()).isEqualTo(16);
                });
    }

    @Test
    void aTimeThatIsNotEvenWellFormedIsStillAProtocolError() {
        byte[] entries = {(byte) 0x92, (byte) 0xc1, (byte) 0x80}; // 0xc1 is never valid msgpack
        assertThatThrownBy(() -> decode(Frames.packedForward("t", entries, "c1", null)))
                .isInstanceOf(ForwardProtocolException.class);
    }

    private static ForwardRequest decode(byte[] frame) {
        Clock clock = Clock.fixed(ARRIVAL, ZoneOffset.UTC);
        EmbeddedChannel channel =
                new EmbeddedChannel(
                        new ForwardDecoder(1 << 20, 1 << 20, MemoryBudget.unlimited(), clock));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(frame));
            return channel.readInbound();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static Value unpack(byte[] buf, int off, int len) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, len)) {
            return u.unpackValue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
