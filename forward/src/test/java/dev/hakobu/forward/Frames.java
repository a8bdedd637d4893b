package dev.hakobu.forward;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/** Builds wire bytes for tests with msgpack-core, independently of the code under test. */
final class Frames {
    static final long T0 = 1_700_000_000_123_456_789L;

    interface Packing {
        void pack(MessagePacker p) throws IOException;
    }

    private Frames() {}

    static byte[] pack(Packing packing) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            packing.pack(p);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void eventTime(MessagePacker p, long epochNanos) throws IOException {
        p.packExtensionTypeHeader((byte) 0, 8);
        p.writePayload(
                ByteBuffer.allocate(8)
                        .putInt((int) (epochNanos / 1_000_000_000L))
                        .putInt((int) (epochNanos % 1_000_000_000L))
                        .array());
    }

    /** The record {@code {"seq": seq, "msg": "event <seq>"}}. */
    static void record(MessagePacker p, int seq) throws IOException {
        p.packMapHeader(2)
                .packString("seq")
                .packInt(seq)
                .packString("msg")
                .packString("event " + seq);
    }

    static byte[] record(int seq) {
        return pack(p -> record(p, seq));
    }

    /** {@code n} entries {@code [EventTime, record]} with seq {@code first..first+n-1}. */
    static byte[] entries(int first, int n) {
        return pack(
                p -> {
                    for (int i = first; i < first + n; i++) {
                        p.packArrayHeader(2);
                        eventTime(p, T0 + i);
                        record(p, i);
                    }
                });
    }

    static void options(MessagePacker p, String chunk, String compressed) throws IOException {
        p.packMapHeader(compressed == null ? 2 : 3)
                .packString("chunk")
                .packString(chunk)
                .packString("size")
                .packInt(1);
        if (compressed != null) {
            p.packString("compressed").packString(compressed);
        }
    }

    static byte[] packedForward(String tag, byte[] payload, String chunk, String compressed) {
        return pack(
                p -> {
                    p.packArrayHeader(chunk == null ? 2 : 3).packString(tag);
                    p.packBinaryHeader(payload.length).writePayload(payload);
                    if (chunk != null) {
                        options(p, chunk, compressed);
                    }
                });
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] repeat(byte[] part, int times) {
        byte[][] parts = new byte[times][];
        java.util.Arrays.fill(parts, part);
        return concat(parts);
    }

    /** The {@code seq} of a record written by {@link #record(MessagePacker, int)}. */
    static int seq(byte[] buf, int off, int len) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, len)) {
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                if (u.unpackString().equals("seq")) {
                    return u.unpackInt();
                }
                u.skipValue();
            }
            throw new AssertionError("no seq in record");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
