package dev.hakobu.forward;

import com.github.luben.zstd.Zstd;
import dev.hakobu.forward.ForwardClientConfig.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes one PackedForward or CompressedPackedForward frame,
 * {@code [tag, bin entries, {"chunk": id, "size": count, "compressed"?: ...}]}, as a {@link Frame}: an exactly
 * sized head and tail around the entries, which are not copied when sent as they are.
 */
final class FrameEncoder {
    /** zstd's own default: several times faster than gzip at a better ratio on log lines. */
    static final int ZSTD_LEVEL = 3;

    /**
     * gzip is the agent's default (every receiver takes it), so its cost is the agent's: level 1 compresses
     * JSON log chunks ~3x faster than the JDK's default level 6, at a ratio of ~5.7 instead of ~7.7
     * (960,000-byte chunks of the TailForwardBench JSON lines). The same level as the file and S3 outputs.
     */
    static final int GZIP_LEVEL = Deflater.BEST_SPEED;

    private byte[] out;
    private int p;

    private FrameEncoder(int size) {
        out = new byte[size];
    }

    /**
     * @return a frame whose body is {@code entries} itself when {@code compression} is NONE (the caller keeps
     *     those bytes unchanged while the frame is in use), else a fresh compressed array
     */
    static Frame encode(
            String tag,
            byte[] entries,
            int off,
            int len,
            int count,
            String chunkId,
            Compression compression) {
        if (compression == Compression.AUTO) {
            throw new IllegalArgumentException(
                    "AUTO is resolved per node (Node.compression) before encoding");
        }
        byte[] payload = entries;
        int payloadOff = off;
        int payloadLen = len;
        switch (compression) {
            case NONE -> {}
            case GZIP -> {
                payload = gzip(entries, off, len);
                payloadOff = 0;
                payloadLen = payload.length;
            }
            case ZSTD -> {
                payload = new byte[(int) Zstd.compressBound(len)];
                payloadOff = 0;
                long n =
                        Zstd.compressByteArray(
                                payload, 0, payload.length, entries, off, len, ZSTD_LEVEL);
                if (Zstd.isError(n)) {
                    throw new IllegalStateException("zstd: " + Zstd.getErrorName(n));
                }
                payloadLen = (int) n;
            }
        }
        byte[] tagBytes = tag.getBytes(StandardCharsets.UTF_8);
        FrameEncoder head =
                new FrameEncoder(
                        1 + strHeader(tagBytes.length) + tagBytes.length + binHeader(payloadLen));
        head.out[head.p++] = (byte) 0x93;
        head.str(tagBytes);
        head.sized(payloadLen, 0xc4, 0xc5, 0xc6);
        assert head.p == head.out.length;

        byte[] idBytes = chunkId.getBytes(StandardCharsets.UTF_8);
        String compressed =
                compression == Compression.NONE
                        ? null
                        : compression.name().toLowerCase(java.util.Locale.ROOT);
        FrameEncoder tail =
                new FrameEncoder(
                        1
                                + 6
                                + strHeader(idBytes.length)
                                + idBytes.length
                                + 5
                                + uintLength(count)
                                + (compressed == null ? 0 : 11 + 5));
        tail.out[tail.p++] = (byte) (compressed == null ? 0x82 : 0x83);
        tail.str("chunk".getBytes(StandardCharsets.US_ASCII));
        tail.str(idBytes);
        tail.str("size".getBytes(StandardCharsets.US_ASCII));
        tail.uint(count);
        if (compressed != null) {
            tail.str("compressed".getBytes(StandardCharsets.US_ASCII));
            tail.str(compressed.getBytes(StandardCharsets.US_ASCII));
        }
        assert tail.p == tail.out.length;
        return new Frame(head.out, payload, payloadOff, payloadLen, tail.out);
    }

    private static byte[] gzip(byte[] src, int off, int len) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, len / 4));
        try (GZIPOutputStream gz =
                new GZIPOutputStream(bytes, 64 * 1024) {
                    {
                        def.setLevel(GZIP_LEVEL);
                    }
                }) {
            gz.write(src, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return bytes.toByteArray();
    }

    private void str(byte[] s) {
        int n = s.length;
        if (n < 32) {
            out[p++] = (byte) (0xa0 | n);
        } else {
            sized(n, 0xd9, 0xda, 0xdb);
        }
        System.arraycopy(s, 0, out, p, n);
        p += n;
    }

    private void uint(int v) {
        if (v < 128) {
            out[p++] = (byte) v;
        } else {
            sized(v, 0xcc, 0xcd, 0xce);
        }
    }

    /** Writes the 8-, 16- or 32-bit form of a header whose size field is {@code n}. */
    private void sized(int n, int form8, int form16, int form32) {
        if (n < 256) {
            out[p++] = (byte) form8;
            out[p++] = (byte) n;
        } else if (n < 65536) {
            out[p++] = (byte) form16;
            out[p++] = (byte) (n >>> 8);
            out[p++] = (byte) n;
        } else {
            out[p++] = (byte) form32;
            for (int shift = 24; shift >= 0; shift -= 8) {
                out[p++] = (byte) (n >>> shift);
            }
        }
    }

    private static int strHeader(int n) {
        return n < 32 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5;
    }

    private static int binHeader(int n) {
        return n < 256 ? 2 : n < 65536 ? 3 : 5;
    }

    private static int uintLength(int v) {
        return v < 128 ? 1 : v < 256 ? 2 : v < 65536 ? 3 : 5;
    }
}
