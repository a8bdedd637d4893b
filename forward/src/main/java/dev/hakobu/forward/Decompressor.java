package dev.hakobu.forward;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Inflates CompressedPackedForward payloads with a hard output limit: a bomb is refused as soon as its
 * output passes the limit, never inflated in full. Gzip input may hold several concatenated members and
 * zstd input several frames (Fluent Bit and fluentd append them); all are read.
 */
final class Decompressor {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final long maxBytes;

    Decompressor(long maxDecompressedBytes) {
        this.maxBytes = Math.min(maxDecompressedBytes, MAX_ARRAY);
    }

    long maxBytes() {
        return maxBytes;
    }

    /** @param compression {@code "gzip"} or {@code "zstd"}; the payload is read, not released */
    byte[] decompress(String compression, ByteBuf payload) {
        return decompress(compression, payload, maxBytes);
    }

    /**
     * Like {@link #decompress(String, ByteBuf)}, stopping early at {@code reserved} bytes of output.
     *
     * @throws OverReservation if the output passes {@code reserved} (below the hard limit): inflate again with more
     */
    byte[] decompress(String compression, ByteBuf payload, long reserved) {
        int length = payload.readableBytes();
        try (InputStream in = open(compression, new ByteBufInputStream(payload.duplicate()))) {
            return readAll(in, length, Math.min(reserved, maxBytes));
        } catch (ForwardProtocolException | OverReservation e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ForwardProtocolException(
                    compression + " payload of " + length + " bytes is corrupt: " + e.getMessage(),
                    e);
        }
    }

    private static InputStream open(String compression, InputStream raw) throws IOException {
        return switch (compression) {
            case "gzip" -> new GZIPInputStream(raw, 64 * 1024);
            case "zstd" -> new ZstdInputStreamNoFinalizer(raw);
            default ->
                    throw new ForwardProtocolException(
                            "unsupported compression '" + compression + "', expected gzip or zstd");
        };
    }

    /** Guesses the output size from typical log ratios, grows by doubling, never past the limit plus one. */
    private byte[] readAll(InputStream in, int compressedLength, long limit) throws IOException {
        byte[] out =
                new byte[(int) Math.min(limit + 1, Math.max(64 * 1024, compressedLength * 8L))];
        int n = 0;
        while (true) {
            if (n == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(limit + 1, (long) out.length * 2));
            }
            int r = in.read(out, n, out.length - n);
            if (r < 0) {
                return n == out.length ? out : Arrays.copyOf(out, n);
            }
            n += r;
            if (n > limit && limit < maxBytes) {
                throw OverReservation.INSTANCE;
            }
            if (n > maxBytes) {
                throw new ForwardProtocolException(
                        "decompressed payload exceeds max_decompressed_bytes ("
                                + maxBytes
                                + "); refused after inflating "
                                + n
                                + " bytes of "
                                + compressedLength
                                + " compressed");
            }
        }
    }

    /** The output passed what the caller reserved for it, not the hard limit. */
    static final class OverReservation extends RuntimeException {
        static final OverReservation INSTANCE = new OverReservation();

        private OverReservation() {
            super("decompressed output passed the reservation", null, false, false);
        }
    }
}
