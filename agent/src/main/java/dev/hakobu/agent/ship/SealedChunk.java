package dev.hakobu.agent.ship;

import java.util.List;

/**
 * A chunk ready to send: PackedForward entries and, for each file that contributed lines, the offset
 * just past its last line in this chunk.
 */
public record SealedChunk(
        String id, String tag, byte[] entries, int length, int count, List<Mark> marks) {

    /** How far a file is covered once this chunk is acknowledged. */
    public record Mark(String path, String fileKey, long endOffset) {}
}
