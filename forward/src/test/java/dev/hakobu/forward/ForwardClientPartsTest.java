package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.forward.ForwardClientConfig.Compression;
import dev.hakobu.retry.Backoff;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ForwardClientPartsTest {

    @Test
    void backoffDoublesFromMinToMaxWithJitterInTheUpperHalf() {
        Backoff backoff =
                new Backoff(
                        Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(7));
        long ms = 1_000_000;
        for (int attempt = 1; attempt <= 100; attempt++) {
            long base = Math.min(30_000 * ms, 500 * ms << Math.min(attempt - 1, 20));
            assertThat(backoff.delayNanos(attempt))
                    .as("attempt %d", attempt)
                    .isBetween(base / 2, base);
        }
    }

    @Test
    void everyCompressionEncodesAFrameTheDecoderReadsBack() {
        byte[] entries = Frames.entries(0, 500);
        byte[] padded = Frames.concat(new byte[3], entries, new byte[5]);
        for (Compression compression :
                List.of(
                        Compression.NONE,
                        Compression.GZIP,
                        Compression.ZSTD)) { // AUTO is a node's choice of these
            byte[] frame =
                    FrameEncoder.encode(
                                    "app.log",
                                    padded,
                                    3,
                                    entries.length,
                                    500,
                                    "chunk-1",
                                    compression)
                            .toByteArray();
            EmbeddedChannel channel = new EmbeddedChannel(new ForwardDecoder(1 << 20, 1 << 20));
            channel.writeInbound(Unpooled.wrappedBuffer(frame));
            ForwardRequest request = channel.readInbound();
            assertThat(request)
                    .as(compression.name())
                    .isEqualTo(new ForwardRequest("app.log", entries, 500, "chunk-1"));
            assertThat(channel.finish()).isFalse();
        }
    }

    /** gzip is the agent's default, so it runs at the fast level: the same bytes as a level-1 gzip stream. */
    @Test
    void gzipFramesAreStandardGzipAtTheFastestLevel() throws Exception {
        byte[] entries = Frames.entries(0, 2000);
        Frame frame =
                FrameEncoder.encode("app", entries, 0, entries.length, 2000, "c", Compression.GZIP);
        byte[] payload =
                Arrays.copyOfRange(
                        frame.body(), frame.bodyOffset(), frame.bodyOffset() + frame.bodyLength());
        assertThat(new GZIPInputStream(new ByteArrayInputStream(payload)).readAllBytes())
                .isEqualTo(entries);
        ByteArrayOutputStream level1 = new ByteArrayOutputStream();
        try (GZIPOutputStream gz =
                new GZIPOutputStream(level1) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                }) {
            gz.write(entries);
        }
        assertThat(payload).isEqualTo(level1.toByteArray());
    }

    @Test
    void acksEncodeAsAMapFromAckToTheChunkId() throws Exception {
        for (String id : new String[] {"x", "a".repeat(40), "b".repeat(300)}) {
            byte[] ack = Acks.encode(id);
            try (var unpacker = org.msgpack.core.MessagePack.newDefaultUnpacker(ack)) {
                assertThat(Acks.read(unpacker)).isEqualTo(id);
                assertThat(unpacker.hasNext()).isFalse();
            }
        }
    }
}
