package dev.hakobu.aggregator.buffer;

import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a chunk file outside a running buffer (dead letters, quarantine, tools); a torn tail is left out. */
public final class ChunkReader {
    private ChunkReader() {}

    /** The file's events as one chunk under the id stored in it. */
    public static Chunk read(Path file) throws IOException, CorruptChunkException {
        return read(file, Files.readAllBytes(file));
    }

    static Chunk read(Path file, byte[] bytes) throws CorruptChunkException {
        ChunkFormat.Scan scan = ChunkFormat.scan(file, bytes);
        if (scan.batches().size() == 1) {
            // one batch (a large forward chunk fills a chunk alone): its entries where they lie,
            // not a second copy
            ChunkFormat.Batch only = scan.batches().get(0);
            return new Chunk(
                    scan.header().id(),
                    scan.header().tag(),
                    bytes,
                    only.entriesOffset(),
                    only.entriesLength(),
                    only.count());
        }
        int total = scan.batches().stream().mapToInt(ChunkFormat.Batch::entriesLength).sum();
        byte[] entries = new byte[total];
        int at = 0;
        for (ChunkFormat.Batch b : scan.batches()) {
            System.arraycopy(bytes, b.entriesOffset(), entries, at, b.entriesLength());
            at += b.entriesLength();
        }
        return new Chunk(
                scan.header().id(), scan.header().tag(), entries, 0, total, scan.records());
    }
}
