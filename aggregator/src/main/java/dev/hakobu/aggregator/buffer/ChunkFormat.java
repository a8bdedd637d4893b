package dev.hakobu.aggregator.buffer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The bytes of a chunk file. A header record, then batches, each framed the same way:
 * {@code marker(1) length(4) crc32(4) payload(length)}, big-endian; the CRC covers the payload.
 * Header payload: {@code id, tag, partition} (modified UTF-8) and {@code createdMillis} (8).
 * Batch payload: {@code sourceId} (UTF, empty when the sender asked for no ack), {@code count} (4), then
 * PackedForward entries. A crash can only leave a torn tail (the last appends, unsynced); anything else
 * that does not check out is corruption.
 */
final class ChunkFormat {
    static final byte HEADER = (byte) 0xC1;
    static final byte BATCH = (byte) 0xB1;
    static final int FRAME = 9;

    /** One batch inside a scanned file. */
    record Batch(String sourceId, int count, int entriesOffset, int entriesLength) {}

    /** What a file holds up to {@code goodEnd}; {@code torn} when bytes after it were cut (or should be). */
    record Scan(ChunkHeader header, List<Batch> batches, int goodEnd, boolean torn) {
        int records() {
            return batches.stream().mapToInt(Batch::count).sum();
        }
    }

    private ChunkFormat() {}

    static byte[] header(ChunkHeader h) {
        return frame(
                HEADER,
                out -> {
                    out.writeUTF(h.id());
                    out.writeUTF(h.tag());
                    out.writeUTF(h.partition());
                    out.writeLong(h.createdMillis());
                },
                null,
                0,
                0);
    }

    /**
     * The head of a batch frame: marker, length and CRC (both covering {@code entries[off, off + len)}, which
     * follow the head in the file), source id and count. The entries are not copied: a 64 MiB batch costs
     * its head here, not two more 64 MiB arrays.
     */
    static byte[] batchHead(String sourceId, int count, byte[] entries, int off, int len) {
        return frame(
                BATCH,
                out -> {
                    out.writeUTF(sourceId == null ? "" : sourceId);
                    out.writeInt(count);
                },
                entries,
                off,
                len);
    }

    private interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    /** The frame's head; length and CRC cover the fields and {@code tail[off, off + len)}, which is not copied. */
    private static byte[] frame(byte marker, Fields fields, byte[] tail, int off, int len) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(FRAME + 64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(marker);
            out.writeInt(0);
            out.writeInt(0);
            fields.write(out);
            byte[] head = bytes.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(head, FRAME, head.length - FRAME);
            if (tail != null) {
                crc.update(tail, off, len);
            }
            ByteBuffer.wrap(head)
                    .putInt(1, head.length - FRAME + len)
                    .putInt(5, (int) crc.getValue());
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    /**
     * Reads a whole chunk file. A bad frame that reaches the end of the file (or is followed only by zeros)
     * is a torn tail; a bad frame with data after it, or a bad header, is corruption.
     */
    static Scan scan(Path file, byte[] b) throws CorruptChunkException {
        int headerEnd = checkFrame(b, 0, HEADER);
        if (headerEnd < 0) {
            throw new CorruptChunkException(
                    file,
                    0,
                    b.length < FRAME ? "no header (file of " + b.length + " bytes)" : "bad header");
        }
        ChunkHeader header;
        try (DataInputStream in =
                new DataInputStream(
                        new java.io.ByteArrayInputStream(b, FRAME, headerEnd - FRAME))) {
            header = new ChunkHeader(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
        } catch (IOException e) {
            throw new CorruptChunkException(file, 0, "unreadable header: " + e);
        }
        int pos = headerEnd;
        List<Batch> batches = new ArrayList<>();
        while (pos < b.length) {
            int end = checkFrame(b, pos, BATCH);
            if (end < 0) {
                if (tornFrom(b, pos)) {
                    return new Scan(header, batches, pos, true);
                }
                throw new CorruptChunkException(
                        file,
                        pos,
                        "batch "
                                + batches.size()
                                + " fails its CRC or framing, and data follows it");
            }
            int srcLen = (b[pos + FRAME] & 0xff) << 8 | (b[pos + FRAME + 1] & 0xff);
            int p = pos + FRAME + 2;
            String source = new String(b, p, srcLen, java.nio.charset.StandardCharsets.UTF_8);
            p += srcLen;
            int count = ByteBuffer.wrap(b, p, 4).getInt();
            p += 4;
            batches.add(new Batch(source.isEmpty() ? null : source, count, p, end - p));
            pos = end;
        }
        return new Scan(header, batches, pos, false);
    }

    /** The end of a valid frame of {@code marker} at {@code pos}, or -1. */
    private static int checkFrame(byte[] b, int pos, byte marker) {
        if (b.length - pos < FRAME || b[pos] != marker) {
            return -1;
        }
        int len = ByteBuffer.wrap(b, pos + 1, 4).getInt();
        if (len < 0 || len > b.length - pos - FRAME) {
            return -1;
        }
        CRC32 crc = new CRC32();
        crc.update(b, pos + FRAME, len);
        return (int) crc.getValue() == ByteBuffer.wrap(b, pos + 5, 4).getInt()
                ? pos + FRAME + len
                : -1;
    }

    /**
     * A crash tears only the end: a frame that runs past the end of the file, or one that ends exactly
     * there with a zero-filled end (blocks the file system had allocated but not written when power
     * went), or zeros alone. A frame that ends at the end of the file with a bad CRC and data in its
     * last bytes was written whole and has since been damaged: that is corruption, never a silent cut,
     * because that batch was acknowledged.
     */
    private static boolean tornFrom(byte[] b, int pos) {
        if (b.length - pos >= FRAME && b[pos] == BATCH) {
            long declaredEnd = (long) pos + FRAME + ByteBuffer.wrap(b, pos + 1, 4).getInt();
            if (declaredEnd > b.length || declaredEnd < pos) {
                return true;
            }
            if (declaredEnd == b.length) {
                return zeroFilledEnd(b, 16);
            }
        }
        for (int i = pos; i < b.length; i++) {
            if (b[i] != 0) {
                return b.length - pos < FRAME;
            }
        }
        return true;
    }

    private static boolean zeroFilledEnd(byte[] b, int n) {
        for (int i = Math.max(0, b.length - n); i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
