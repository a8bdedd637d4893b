package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The size hint (gzip's ISIZE, zstd's content size) sizes the first buffer only: whatever a payload claims, the
 * output is the real inflated bytes and the limits hold.
 */
class DecompressorTest {
    private static final int LIMIT = 4 << 20;
    private final Decompressor decompressor = new Decompressor(LIMIT);

    @Test
    void gzipAndZstdWithATrueHintGiveTheExactBytes() throws IOException {
        for (int size : new int[] {0, 1, 1000, 64 * 1024, 300_000, LIMIT}) {
            byte[] data = data(size);
            assertThat(decompressor.decompress("gzip", Unpooled.wrappedBuffer(gzip(data))))
                    .as("gzip %d", size)
                    .isEqualTo(data);
            assertThat(decompressor.decompress("zstd", Unpooled.wrappedBuffer(Zstd.compress(data))))
                    .as("zstd %d", size)
                    .isEqualTo(data);
            assertThat(Decompressor.sizeHint("zstd", Unpooled.wrappedBuffer(Zstd.compress(data))))
                    .isEqualTo(size);
        }
    }

    @Test
    void concatenatedMembersAndFramesAreAllReadThoughTheHintNamesOnlyOne() throws IOException {
        byte[] a = data(200_000);
        byte[] b = data(70_000);
        byte[] both = concat(a, b);
        ByteBuf gzip = Unpooled.wrappedBuffer(concat(gzip(a), gzip(b)));
        assertThat(Decompressor.sizeHint("gzip", gzip)).isEqualTo(b.length);
        assertThat(decompressor.decompress("gzip", gzip)).isEqualTo(both);
        ByteBuf zstd = Unpooled.wrappedBuffer(concat(Zstd.compress(a), Zstd.compress(b)));
        assertThat(Decompressor.sizeHint("zstd", zstd)).isEqualTo(a.length);
        assertThat(decompressor.decompress("zstd", zstd)).isEqualTo(both);
    }

    @Test
    void aStreamedZstdFrameWithoutContentSizeHasNoHint() throws IOException {
        byte[] data = data(500_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(bytes)) {
            out.write(data);
        }
        ByteBuf payload = Unpooled.wrappedBuffer(bytes.toByteArray());
        assertThat(Decompressor.sizeHint("zstd", payload)).isEqualTo(-1);
        assertThat(decompressor.decompress("zstd", payload)).isEqualTo(data);
    }

    @Test
    void aLyingGzipTrailerChangesNothingButTheFirstBuffer() throws IOException {
        byte[] data = data(300_000);
        for (long claim : new long[] {0, 100, 70_000, LIMIT, 0xFFFF_FFFFL}) {
            byte[] payload = gzip(data);
            ByteBuffer.wrap(payload, payload.length - 4, 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) claim);
            // GZIPInputStream checks ISIZE after the member: a lie is a corrupt payload, refused
            assertThatThrownBy(
                            () -> decompressor.decompress("gzip", Unpooled.wrappedBuffer(payload)))
                    .as("claims %d", claim)
                    .isInstanceOf(ForwardProtocolException.class)
                    .hasMessageContaining("corrupt");
        }
    }

    @Test
    void anOutputPastTheLimitIsRefusedWhateverTheHintSays() throws IOException {
        byte[] bomb = new byte[LIMIT + 1];
        assertThatThrownBy(
                        () ->
                                decompressor.decompress(
                                        "zstd", Unpooled.wrappedBuffer(Zstd.compress(bomb))))
                .isInstanceOf(ForwardProtocolException.class)
                .hasMessageContaining("exceeds max_decompressed_bytes (" + LIMIT + ")");
        assertThatThrownBy(
                        () -> decompressor.decompress("gzip", Unpooled.wrappedBuffer(gzip(bomb))))
                .isInstanceOf(ForwardProtocolException.class)
                .hasMessageContaining("exceeds max_decompressed_bytes (" + LIMIT + ")");
    }

    @Test
    void anOutputPastTheReservationAsksForMoreAndExactlyTheReservationFits() throws IOException {
        byte[] data = data(100_000);
        ByteBuf payload = Unpooled.wrappedBuffer(Zstd.compress(data));
        assertThat(decompressor.decompress("zstd", payload, data.length)).isEqualTo(data);
        assertThatThrownBy(() -> decompressor.decompress("zstd", payload, data.length - 1))
                .isSameAs(Decompressor.OverReservation.INSTANCE);
    }

    /** Log-like bytes: compressible, not constant. */
    private static byte[] data(int size) {
        byte[] out = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            out[i] = (byte) ('a' + random.nextInt(8));
        }
        return out;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
