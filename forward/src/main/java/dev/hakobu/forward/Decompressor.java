package dev.hakobu.forward;

import com.github.luben.zstd.Zstd;
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
        long hint = sizeHint(compression, payload);
        try (InputStream in = open(compression, new ByteBufInputStream(payload.duplicate()))) {
            return readAll(in, length, Math.min(reserved, maxBytes), hint);
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

    /**
     * What the payload says its output size is, or -1: gzip's ISIZE trailer (the last member's size, modulo
     * 4 GiB), zstd's frame content size (the first frame's, when the writer recorded it). Only a hint, which a
     * sender can get wrong: it sizes the first buffer, never more than the reservation, and the output is checked
     * against the limits as it is read.
     */
    static long sizeHint(String compression, ByteBuf payload) {
        int length = payload.readableBytes();
        if ("gzip".equals(compression) && length >= 18) {
            return payload.getUnsignedIntLE(payload.readerIndex() + length - 4);
        }
        if ("zstd".equals(compression) && length >= 6) {
            byte[] header = new byte[Math.min(18, length)];
            payload.getBytes(payload.readerIndex(), header);
            long size = Zstd.getFrameContentSize(header, 0, header.length);
            return size >= 0 ? size : -1;
        }
        return -1;
    }

    /**
     * Reads the output into one array sized from the hint when it is believable (at least 64 KiB and within the
     * limit), else from typical log ratios; grows by doubling, never past the limit. An array the output fills
     * exactly is returned as it is: a frame whose size the payload states costs one allocation of that size,
     * not a series of doublings and a trimming copy (which for a 64 MiB frame came to about three times its
     * size, the garbage of the flood that {@code max_in_memory_bytes} is meant to bound).
     */
    private byte[] readAll(InputStream in, int compressedLength, long limit, long hint)
            throws IOException {
        long guess = Math.max(64 * 1024, compressedLength * 8L);
        long first = hint >= 64 * 1024 ? hint : guess;
        byte[] out = new byte[(int) Math.max(1, Math.min(limit, first))];
        int n = 0;
        while (true) {
            if (n == out.length) {
                int probe = in.read();
                if (probe < 0) {
                    return out;
                }
                if ((long) n + 1 > limit) {
                    throw over(n + 1L, limit, compressedLength);
                }
                out = Arrays.copyOf(out, (int) Math.min(limit, (long) out.length * 2));
                out[n++] = (byte) probe;
                continue;
            }
            int r = in.read(out, n, out.length - n);
            if (r < 0) {
                return Arrays.copyOf(out, n);
            }
            n += r;
            if (n > limit) {
                throw over(n, limit, compressedLength);
            }
        }
    }

    private RuntimeException over(long inflated, long limit, int compressedLength) {
        if (limit < maxBytes) {
            return OverReservation.INSTANCE;
        }
        return new ForwardProtocolException(
                "decompressed payload exceeds max_decompressed_bytes ("
                        + maxBytes
                        + "); refused after inflating "
                        + inflated
                        + " bytes of "
                        + compressedLength
                        + " compressed");
    }

    /** The output passed what the caller reserved for it, not the hard limit. */
    static final class OverReservation extends RuntimeException {
        static final OverReservation INSTANCE = new OverReservation();

        private OverReservation() {
            super("decompressed output passed the reservation", null, false, false);
        }
    }
}
