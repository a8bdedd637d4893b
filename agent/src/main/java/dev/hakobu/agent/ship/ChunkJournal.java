package dev.hakobu.agent.ship;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chunks in flight, on disk: each chunk is written (and fsynced) here before it is sent, and removed
 * only after the positions that cover it are saved. After a crash the agent resends exactly these
 * chunks, same bytes and same ids, before reading anything new, so the aggregator can recognise a
 * repeat by its id. A file whose CRC does not match (torn by a crash while it was written, so never
 * sent) is deleted on load.
 *
 * <p>File format ({@code <seq>-<id>.chunk}): magic, id, tag, count, marks, entries, CRC32 of all before it.
 * {@code seq} numbers the chunks in the order they are recorded, which is the order they are sent, and keeps
 * growing across restarts ({@link #continueAfter}): the positions file names the last number it covers
 * (see {@link PositionStore}), and a chunk numbered up to it is already committed.
 */
public final class ChunkJournal {
    private static final Logger log = LoggerFactory.getLogger(ChunkJournal.class);
    private static final int MAGIC = 0x484B4A31; // "HKJ1"

    /** No larger than the tail reader's read buffer, so both reuse one temporary direct buffer. */
    private static final int WRITE_SLICE = 256 * 1024;

    private final Path dir;
    private long nextSeq;

    /** The sequence number of each chunk on disk, by id: recorded on the reader thread, removed on the writer's. */
    private final Map<String, Long> seqs = new ConcurrentHashMap<>();

    public ChunkJournal(Path stateDir) throws IOException {
        this.dir = Files.createDirectories(stateDir.resolve("inflight"));
    }

    /** Chunks left by the previous run, oldest first. Call once, before {@link #record}. */
    public List<SealedChunk> load() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.chunk")) {
            for (Path f : s) {
                if (seqOf(f) < 0) {
                    // not named by record(): without a number it cannot be ordered against the
                    // positions
                    log.warn("{}: not an in-flight chunk name (<seq>-<id>.chunk), left alone", f);
                } else {
                    files.add(f);
                }
            }
        }
        files.sort((a, b) -> Long.compare(seqOf(a), seqOf(b)));
        List<SealedChunk> chunks = new ArrayList<>();
        for (Path f : files) {
            nextSeq = Math.max(nextSeq, seqOf(f) + 1);
            SealedChunk chunk = read(f);
            if (chunk == null) {
                log.warn("{}: torn or corrupt in-flight chunk (never sent), deleted", f);
                Files.delete(f);
            } else {
                seqs.put(chunk.id(), seqOf(f));
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    /**
     * Writes the chunk durably; returns only once it is on disk. Reader thread only. The entries are
     * written straight from the chunk's array, not copied: profiling showed the journal's copies of
     * every 1 MiB chunk as a large share of the agent's allocation.
     */
    public void record(SealedChunk chunk) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(head);
        out.writeInt(MAGIC);
        out.writeUTF(chunk.id());
        out.writeUTF(chunk.tag());
        out.writeInt(chunk.count());
        out.writeInt(chunk.marks().size());
        for (SealedChunk.Mark m : chunk.marks()) {
            out.writeUTF(m.path());
            out.writeUTF(m.fileKey());
            out.writeLong(m.endOffset());
        }
        out.writeInt(chunk.length());
        byte[] header = head.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(header);
        crc.update(chunk.entries(), 0, chunk.length());
        Path file = dir.resolve(String.format("%019d-%s.chunk", nextSeq++, chunk.id()));
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(header));
            // in slices: the JDK copies a heap buffer through a temporary direct buffer of its size
            // and keeps
            // that per thread, so one 1 MiB write would pin 1 MiB of native memory on the reader
            // thread
            for (int off = 0; off < chunk.length(); off += WRITE_SLICE) {
                writeFully(
                        ch,
                        ByteBuffer.wrap(
                                chunk.entries(), off, Math.min(WRITE_SLICE, chunk.length() - off)));
            }
            writeFully(ch, ByteBuffer.allocate(8).putLong(0, crc.getValue()));
            ch.force(false);
        }
        syncDirectory();
        seqs.put(
                chunk.id(),
                nextSeq - 1); // the number the file was named with, now that it is on disk
    }

    /** The sequence number the chunk was recorded under, or -1 if it is not in the journal. Any thread. */
    long sequenceOf(SealedChunk chunk) {
        return seqs.getOrDefault(chunk.id(), -1L);
    }

    /**
     * Numbers the chunks recorded from now on past {@code seq}, the last number the positions file covers,
     * even if the journal is empty: a new chunk must never look committed. Call after {@link #load}, before
     * {@link #record}.
     */
    void continueAfter(long seq) {
        nextSeq = Math.max(nextSeq, seq + 1);
    }

    /** Forgets chunks whose positions are saved. Any thread. */
    public void remove(List<SealedChunk> chunks) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.chunk")) {
            for (Path f : s) {
                String name = f.getFileName().toString();
                for (SealedChunk c : chunks) {
                    if (name.endsWith("-" + c.id() + ".chunk")) {
                        Files.delete(f);
                        break;
                    }
                }
            }
        }
        chunks.forEach(c -> seqs.remove(c.id()));
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static long seqOf(Path f) {
        String name = f.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.indexOf('-')));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static SealedChunk read(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        if (all.length < 16) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
            return null;
        }
        DataInputStream in =
                new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 8));
        if (in.readInt() != MAGIC) {
            return null;
        }
        String id = in.readUTF();
        String tag = in.readUTF();
        int count = in.readInt();
        int markCount = in.readInt();
        List<SealedChunk.Mark> marks = new ArrayList<>(markCount);
        for (int i = 0; i < markCount; i++) {
            marks.add(new SealedChunk.Mark(in.readUTF(), in.readUTF(), in.readLong()));
        }
        byte[] entries = new byte[in.readInt()];
        in.readFully(entries);
        return new SealedChunk(id, tag, entries, entries.length, count, marks);
    }
}
