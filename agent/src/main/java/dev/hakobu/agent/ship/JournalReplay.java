package dev.hakobu.agent.ship;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a start makes of the chunks the previous run left in the {@link ChunkJournal}.
 *
 * <p>A chunk numbered up to the positions file's {@code #journal-through} was committed: the agent stopped
 * after saving the positions and before removing it from the journal. It is not resent and its marks are
 * not applied: they may be older than the committed positions (a shorter fingerprint of a file that grew,
 * one from before a truncation, or a smaller offset), and applying them would read lines again under new
 * chunk ids. Every other journaled chunk was not committed, so it is newer than the committed positions:
 * its marks apply in send order, the last one winning, and it is resent under its id.
 *
 * <p>A positions file written before {@code #journal-through} existed cannot tell the two apart: every
 * journaled chunk is resent and a mark replaces a position only if its fingerprint differs or its offset is
 * larger, as that version did.
 *
 * @param resume   where reading each key resumes
 * @param toResend the chunks to send again before reading anything new, oldest first
 * @param committed the chunks that only wait to be removed from the journal
 */
record JournalReplay(
        Map<String, PositionStore.Position> resume,
        List<SealedChunk> toResend,
        List<SealedChunk> committed) {

    /**
     * @param journaled oldest first, as {@link ChunkJournal#load} returns them
     * @param seqOf     each journaled chunk's sequence number
     */
    static JournalReplay of(
            PositionStore.Saved saved,
            List<SealedChunk> journaled,
            ToLongFunction<SealedChunk> seqOf) {
        Map<String, PositionStore.Position> resume = new HashMap<>(saved.positions());
        List<SealedChunk> toResend = new ArrayList<>();
        List<SealedChunk> committed = new ArrayList<>();
        boolean known = saved.journalThrough().isPresent();
        long through = saved.journalThrough().orElse(-1);
        for (SealedChunk chunk : journaled) {
            long seq = seqOf.applyAsLong(chunk);
            if (known && seq >= 0 && seq <= through) {
                committed.add(chunk);
                continue;
            }
            toResend.add(chunk);
            for (SealedChunk.Mark m : chunk.marks()) {
                PositionStore.Position had = resume.get(m.path());
                if (known
                        || had == null
                        || !had.fileKey().equals(m.fileKey())
                        || had.offset() < m.endOffset()) {
                    resume.put(m.path(), new PositionStore.Position(m.fileKey(), m.endOffset()));
                }
            }
        }
        return new JournalReplay(resume, List.copyOf(toResend), committed);
    }
}
