package dev.hakobu.forward;

import static dev.hakobu.forward.Frames.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.hakobu.event.EntryReader;
import dev.hakobu.event.TimeSpan;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardDecoderTest {
    private static final long MAX_FRAME = 1 << 20;
    private static final long MAX_DECOMPRESSED = 8 << 20;

    private final EmbeddedChannel channel =
            new EmbeddedChannel(new ForwardDecoder(MAX_FRAME, MAX_DECOMPRESSED));

    @Test
    void messageModeWithEventTimeBecomesOnePackedEntry() {
        byte[] frame =
                Frames.pack(
                        p -> {
                            p.packArrayHeader(4).packString("app.access");
                            Frames.eventTime(p, T0 + 7);
                            Frames.record(p, 7);
                            Frames.options(p, "c1", null);
                        });
        ForwardRequest request = decodeOne(frame);
        assertThat(request.tag()).isEqualTo("app.access");
        assertThat(request.count()).isEqualTo(1);
        assertThat(request.chunk()).isEqualTo("c1");
        assertThat(request.entries())
                .isEqualTo(Frames.entries(7, 1))
                .as("[EventTime, record] exactly as sent");
        assertThat(times(request)).containsExactly(T0 + 7);
    }

    @Test
    void messageModeAcceptsIntegerAndFloatTimesWithoutOptions() {
        ForwardRequest integer =
                decodeOne(
                        Frames.pack(
                                p -> {
                                    p.packArrayHeader(3).packString("t").packLong(1_700_000_000L);
                                    Frames.record(p, 1);
                                }));
        ForwardRequest floating =
                decodeOne(
                        Frames.pack(
                                p -> {
                                    p.packArrayHeader(3)
                                            .packString("t")
                                            .packDouble(1_700_000_000.25);
                                    Frames.record(p, 2);
                                }));
        assertThat(integer.chunk()).isNull();
        assertThat(times(integer)).containsExactly(1_700_000_000_000_000_000L);
        assertThat(times(floating)).containsExactly(1_700_000_000_250_000_000L);
    }

    @Test
    void forwardModeKeepsTheEntriesAsSent() {
        byte[] frame =
                Frames.pack(
                        p -> {
                            p.packArrayHeader(3).packString("t").packArrayHeader(3);
                            for (int i = 0; i < 3; i++) {
                                p.packArrayHeader(2);
                                Frames.eventTime(p, T0 + i);
                                Frames.record(p, i);
                            }
                            Frames.options(p, "c2", null);
                        });
        ForwardRequest request = decodeOne(frame);
        assertThat(request.count()).isEqualTo(3);
        assertThat(request.entries()).isEqualTo(Frames.entries(0, 3));
        assertThat(request.chunk()).isEqualTo("c2");
        assertThat(request.times())
                .as("earliest and latest event, measured while validating")
                .isEqualTo(new TimeSpan(Frames.T0, Frames.T0 + 2));
    }

    @Test
    void packedForwardAsBinOrStrIsCountedByItsEntriesNotBySizeOption() {
        byte[] entries = Frames.entries(0, 5);
        ForwardRequest bin =
                decodeOne(Frames.packedForward("t", entries, "c3", null)); // size option says 1
        ForwardRequest str =
                decodeOne(
                        Frames.pack(
                                p -> {
                                    p.packArrayHeader(2)
                                            .packString("t")
                                            .packRawStringHeader(entries.length)
                                            .writePayload(entries);
                                }));
        assertThat(bin.count()).isEqualTo(5);
        assertThat(bin.entries()).isEqualTo(entries);
        assertThat(str.count()).isEqualTo(5);
        assertThat(str.chunk()).isNull();
    }

    @Test
    void compressedPackedForwardInflatesGzipIncludingConcatenatedMembers() {
        byte[] first = Frames.entries(0, 10);
        byte[] second = Frames.entries(10, 10);
        byte[] payload = Frames.concat(Frames.gzip(first), Frames.gzip(second));
        ForwardRequest request = decodeOne(Frames.packedForward("t", payload, "c4", "gzip"));
        assertThat(request.count()).isEqualTo(20);
        assertThat(request.entries()).isEqualTo(Frames.concat(first, second));
    }

    @Test
    void compressedPackedForwardInflatesZstdIncludingConcatenatedFrames() {
        byte[] first = Frames.entries(0, 10);
        byte[] second = Frames.entries(10, 10);
        byte[] payload = Frames.concat(Zstd.compress(first), Zstd.compress(second));
        ForwardRequest request = decodeOne(Frames.packedForward("t", payload, "c5", "zstd"));
        assertThat(request.count()).isEqualTo(20);
        assertThat(request.entries()).isEqualTo(Frames.concat(first, second));
    }

    @Test
    void severalFramesInOneBufferAllDecode() {
        byte[] stream = sampleStream();
        assertThat(decodeAll(List.of(stream))).hasSize(4);
    }

    @Test
    void aStreamSplitAtEveryByteBoundaryDecodesIdentically() {
        byte[] stream = sampleStream();
        List<ForwardRequest> expected = decodeAll(List.of(stream));
        for (int cut = 1; cut < stream.length; cut++) {
            byte[] head = java.util.Arrays.copyOfRange(stream, 0, cut);
            byte[] tail = java.util.Arrays.copyOfRange(stream, cut, stream.length);
            assertThat(decodeAll(List.of(head, tail))).as("split at %d", cut).isEqualTo(expected);
        }
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : stream) {
            bytes.add(new byte[] {b});
        }
        assertThat(decodeAll(bytes)).as("one byte at a time").isEqualTo(expected);
    }

    @Test
    void anOversizedFrameIsRefusedFromItsHeaderBeforeItIsBuffered() {
        byte[] header =
                Frames.pack(p -> p.packArrayHeader(2).packString("t").packBinaryHeader(64 << 20));
        ByteBuf in = buffer(header);
        assertThatThrownBy(() -> channel.writeInbound(in))
                .isInstanceOf(ForwardProtocolException.class)
                .hasMessageContaining("max_frame_bytes");
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void anOversizedForwardModeFrameIsRefusedOnceScanningPassesTheLimit() {
        byte[] header =
                Frames.pack(p -> p.packArrayHeader(2).packString("t").packArrayHeader(1_000_000));
        byte[] entry = Frames.entries(0, 1);
        channel.writeInbound(buffer(header));
        assertThatThrownBy(
                        () -> {
                            for (int i = 0; i < 100_000; i++) {
                                channel.writeInbound(buffer(entry));
                            }
                        })
                .isInstanceOf(ForwardProtocolException.class)
                .hasMessageContaining("max_frame_bytes");
    }

    @Test
    void garbageIsAProtocolErrorAndWhatFollowsIsDiscarded() {
        ByteBuf garbage = buffer("GET / HTTP/1.1\r\n\r\n".getBytes());
        assertThatThrownBy(() -> channel.writeInbound(garbage))
                .isInstanceOf(ForwardProtocolException.class)
                .hasMessageContaining("not a forward frame");
        assertThat(
                        channel.writeInbound(
                                buffer(
                                        Frames.packedForward(
                                                "t", Frames.entries(0, 1), null, null))))
                .isFalse();
        assertThat(garbage.refCnt()).isZero();
    }

    @Test
    void malformedEntriesAreAProtocolError() {
        byte[] notEntries = Frames.pack(p -> p.packArrayHeader(3).packInt(1).packInt(2).packInt(3));
        assertThatThrownBy(
                        () ->
                                channel.writeInbound(
                                        buffer(Frames.packedForward("t", notEntries, null, null))))
                .isInstanceOf(ForwardProtocolException.class)
                .hasMessageContaining("expected [time, record]");
        EmbeddedChannel other =
                new EmbeddedChannel(new ForwardDecoder(MAX_FRAME, MAX_DECOMPRESSED));
        byte[] numericTag = Frames.pack(p -> p.packArrayHeader(2).packInt(5).packBinaryHeader(0));
        assertThatThrownBy(() -> other.writeInbound(buffer(numericTag)))
                .hasMessageContaining("tag must be a string");
        other.finishAndReleaseAll();
    }

    @Test
    void aGzipBombIsRefusedAtTheDecompressedLimit() {
        byte[] member = Frames.gzip(new byte[16 << 20]);
        byte[] bomb = Frames.repeat(member, 64); // 1 GiB of zeros as 64 members of about 16 KiB
        assertBombRefused(Frames.packedForward("t", bomb, "c", "gzip"));
    }

    @Test
    void aZstdBombIsRefusedAtTheDecompressedLimit() {
        byte[] bomb = Frames.repeat(Zstd.compress(new byte[16 << 20]), 64);
        assertBombRefused(Frames.packedForward("t", bomb, "c", "zstd"));
    }

    @Test
    void corruptCompressedDataIsAProtocolError() {
        assertThatThrownBy(
                        () ->
                                channel.writeInbound(
                                        buffer(
                                                Frames.packedForward(
                                                        "t", new byte[] {1, 2, 3}, "c", "gzip"))))
                .isInstanceOf(ForwardProtocolException.class)
                .hasMessageContaining("gzip payload");
    }

    private void assertBombRefused(byte[] frame) {
        assertThat(frame.length).isLessThan((int) MAX_FRAME);
        ByteBuf in = buffer(frame);
        assertThatThrownBy(() -> channel.writeInbound(in))
                .isInstanceOf(ForwardProtocolException.class)
                .hasMessageContaining("max_decompressed_bytes");
        assertThat(in.refCnt()).isZero();
    }

    /** Message, Forward, PackedForward and gzip CompressedPackedForward back to back. */
    private static byte[] sampleStream() {
        return Frames.concat(
                Frames.pack(
                        p -> {
                            p.packArrayHeader(4).packString("a");
                            Frames.eventTime(p, T0);
                            Frames.record(p, 1);
                            Frames.options(p, "m", null);
                        }),
                Frames.pack(
                        p -> {
                            p.packArrayHeader(2).packString("b").packArrayHeader(2);
                            for (int i = 0; i < 2; i++) {
                                p.packArrayHeader(2).packLong(1_700_000_000L + i);
                                Frames.record(p, i);
                            }
                        }),
                Frames.packedForward("c", Frames.entries(0, 3), "p", null),
                Frames.packedForward("d", Frames.gzip(Frames.entries(0, 4)), "z", "gzip"));
    }

    private ForwardRequest decodeOne(byte[] frame) {
        List<ForwardRequest> all = decodeAll(List.of(frame));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** Decodes the pieces on a fresh channel; checks every input buffer was released. */
    private static List<ForwardRequest> decodeAll(List<byte[]> pieces) {
        EmbeddedChannel ch = new EmbeddedChannel(new ForwardDecoder(MAX_FRAME, MAX_DECOMPRESSED));
        List<ByteBuf> inputs = new ArrayList<>();
        for (byte[] piece : pieces) {
            ByteBuf in = buffer(piece);
            inputs.add(in);
            ch.writeInbound(in);
        }
        List<ForwardRequest> out = new ArrayList<>();
        for (ForwardRequest r; (r = ch.readInbound()) != null; ) {
            out.add(r);
        }
        assertThat(ch.finish()).isFalse();
        assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        return out;
    }

    private static ByteBuf buffer(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
    }

    private static List<Long> times(ForwardRequest request) {
        List<Long> times = new ArrayList<>();
        EntryReader.read(
                request.entries(), 0, request.entries().length, (t, b, o, l) -> times.add(t));
        return times;
    }
}
