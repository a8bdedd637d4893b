package dev.hakobu.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts after a SIGKILL between the two steps of a commit: the positions file is saved (atomic replace,
 * fsync), but the journal entries of the chunks it covers are not removed yet. The kill is simulated by
 * putting back, under their original names, journal files that the run removed.
 */
class PositionsRestartTest {
    private static final String FILE = "(dev=1,ino=7)";

    @TempDir Path state;

    private static SealedChunk chunk(String id, SealedChunk.Mark... marks) {
        return new SealedChunk(id, "t", new byte[] {1}, 1, 1, List.of(marks));
    }

    private static SealedChunk.Mark mark(String key, String fingerprint, long end) {
        return new SealedChunk.Mark(key, fingerprint, end);
    }

    /** The journal's files as they are now, name to bytes. */
    private Map<Path, byte[]> journalFiles() throws Exception {
        Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> s = Files.list(state.resolve("inflight"))) {
            for (Path f : (Iterable<Path>) s::iterator) {
                files.put(f, Files.readAllBytes(f));
            }
        }
        return files;
    }

    /**
     * Sends, acks and commits the chunks in one run that ends cleanly, then puts back the journal files of
     * {@code leftBehind}: the state a kill after {@code store.save} and before {@code journal.remove} leaves.
     */
    private void commitThenKillBeforeJournalRemoval(
            List<SealedChunk> chunks, List<SealedChunk> leftBehind) throws Exception {
        ChunkJournal journal = new ChunkJournal(state);
        try (Positions positions =
                new Positions(new PositionStore(state), journal, journal.load())) {
            for (SealedChunk c : chunks) {
                journal.record(c);
            }
            Map<Path, byte[]> recorded = journalFiles();
            chunks.forEach(positions::sent);
            chunks.forEach(positions::acked);
            positions.close();
            for (Map.Entry<Path, byte[]> f : recorded.entrySet()) {
                for (SealedChunk c : leftBehind) {
                    if (f.getKey().getFileName().toString().endsWith("-" + c.id() + ".chunk")) {
                        Files.write(f.getKey(), f.getValue());
                    }
                }
            }
        }
    }

    private Positions restart() throws Exception {
        ChunkJournal journal = new ChunkJournal(state);
        return new Positions(new PositionStore(state), journal, journal.load());
    }

    private List<String> journaledIds() throws Exception {
        return new ChunkJournal(state).load().stream().map(SealedChunk::id).toList();
    }

    @Test
    void aCommittedChunkLeftInTheJournalDoesNotTakeAGrownFileBackToItsShortFingerprint()
            throws Exception {
        // the file was 10 bytes long when its first line was sent; by the second chunk its
        // fingerprint covered 1 KiB
        SealedChunk young = chunk("young", mark(FILE, "10:aaaa", 10));
        SealedChunk grown = chunk("grown", mark(FILE, "1024:bbbb", 5_000));
        commitThenKillBeforeJournalRemoval(List.of(young, grown), List.of(young));

        try (Positions positions = restart()) {
            assertThat(positions.committed(FILE))
                    .isEqualTo(new PositionStore.Position("1024:bbbb", 5_000));
            assertThat(positions.resumeFrom(FILE))
                    .isEqualTo(new PositionStore.Position("1024:bbbb", 5_000));
        }
    }

    @Test
    void aCommittedChunkFromBeforeATruncationLeftInTheJournalDoesNotUndoTheTruncation()
            throws Exception {
        SealedChunk before = chunk("before", mark(FILE, "1024:old", 5_000));
        SealedChunk after =
                chunk("after", mark(FILE, "20:new", 20), mark("truncated 1024:old", "", 5_000));
        commitThenKillBeforeJournalRemoval(List.of(before, after), List.of(before));

        try (Positions positions = restart()) {
            assertThat(positions.resumeFrom(FILE))
                    .isEqualTo(new PositionStore.Position("20:new", 20));
            assertThat(positions.resumeFrom("truncated 1024:old"))
                    .isEqualTo(new PositionStore.Position("", 5_000));
        }
    }

    @Test
    void
            aCommittedChunkLeftInTheJournalIsNotResentSoItsAckCannotMoveThePositionBackAndItLeavesTheJournal()
                    throws Exception {
        SealedChunk young = chunk("young", mark(FILE, "10:aaaa", 10));
        SealedChunk grown = chunk("grown", mark(FILE, "1024:bbbb", 5_000));
        commitThenKillBeforeJournalRemoval(List.of(young, grown), List.of(young));

        try (Positions positions = restart()) {
            assertThat(positions.toResend()).isEmpty();
        }
        assertThat(journaledIds()).isEmpty();
        assertThat(new PositionStore(state).load().positions())
                .containsEntry(FILE, new PositionStore.Position("1024:bbbb", 5_000));
    }

    @Test
    void anOlderChunkOfTheSameFileLeftInTheJournalIsSkippedWhateverItsOffset() throws Exception {
        SealedChunk first =
                chunk("first", mark(FILE, "1024:aaaa", 100), mark("/other", "1024:cccc", 70));
        SealedChunk second = chunk("second", mark(FILE, "1024:aaaa", 200));
        commitThenKillBeforeJournalRemoval(List.of(first, second), List.of(first, second));

        try (Positions positions = restart()) {
            assertThat(positions.toResend()).isEmpty();
            assertThat(positions.resumeFrom(FILE))
                    .isEqualTo(new PositionStore.Position("1024:aaaa", 200));
            assertThat(positions.resumeFrom("/other"))
                    .isEqualTo(new PositionStore.Position("1024:cccc", 70));
        }
    }

    @Test
    void
            aJournaledChunkThatWasNotAckedIsResentUnderItsIdAndReadingResumesPastItsLinesEvenAfterATruncation()
                    throws Exception {
        SealedChunk acked = chunk("acked", mark(FILE, "1024:old", 5_000));
        SealedChunk lost =
                chunk("lost", mark(FILE, "20:new", 20), mark("truncated 1024:old", "", 5_000));
        ChunkJournal journal = new ChunkJournal(state);
        try (Positions positions =
                new Positions(new PositionStore(state), journal, journal.load())) {
            journal.record(acked);
            journal.record(lost);
            positions.sent(acked);
            positions.sent(lost);
            positions.acked(acked);
        } // killed with "lost" unacknowledged

        try (Positions positions = restart()) {
            assertThat(positions.toResend()).extracting(SealedChunk::id).containsExactly("lost");
            assertThat(positions.committed(FILE))
                    .isEqualTo(new PositionStore.Position("1024:old", 5_000));
            assertThat(positions.resumeFrom(FILE))
                    .isEqualTo(new PositionStore.Position("20:new", 20));

            positions.sent(positions.toResend().get(0));
            positions.acked(positions.toResend().get(0));
        }
        assertThat(journaledIds()).isEmpty();
        assertThat(new PositionStore(state).load().positions())
                .containsEntry(FILE, new PositionStore.Position("20:new", 20));
    }

    @Test
    void aChunkNeverHandedToTheClientIsResentAndSoAreTheOnesAckedAfterIt() throws Exception {
        SealedChunk unsent = chunk("unsent", mark(FILE, "1024:aaaa", 100));
        SealedChunk later = chunk("later", mark(FILE, "1024:aaaa", 200));
        ChunkJournal journal = new ChunkJournal(state);
        try (Positions positions =
                new Positions(new PositionStore(state), journal, journal.load())) {
            journal.record(unsent);
            journal.record(later);
            positions.sent(unsent);
            positions.sent(later);
            positions.unsent(unsent);
            positions.acked(later);
            assertThat(positions.inFlight()).isZero();
            assertThat(positions.committed(FILE))
                    .as("committing past lines never sent would lose them")
                    .isNull();
        }

        try (Positions positions = restart()) {
            assertThat(positions.toResend())
                    .extracting(SealedChunk::id)
                    .containsExactly("unsent", "later");
            assertThat(positions.resumeFrom(FILE))
                    .isEqualTo(new PositionStore.Position("1024:aaaa", 200));
        }
    }

    @Test
    void chunksRecordedAfterARestartWithAnEmptyJournalAreNumberedPastWhatThePositionsCover()
            throws Exception {
        SealedChunk a = chunk("a", mark(FILE, "1024:aaaa", 100));
        SealedChunk b = chunk("b", mark(FILE, "1024:aaaa", 200));
        commitThenKillBeforeJournalRemoval(List.of(a, b), List.of());
        assertThat(journaledIds()).isEmpty();

        SealedChunk c = chunk("c", mark(FILE, "1024:aaaa", 300));
        ChunkJournal journal = new ChunkJournal(state);
        try (Positions positions =
                new Positions(new PositionStore(state), journal, journal.load())) {
            journal.record(c);
            positions.sent(c);
        } // killed with "c" unacknowledged

        try (Positions positions = restart()) {
            assertThat(positions.toResend())
                    .as("a new chunk must not look committed")
                    .extracting(SealedChunk::id)
                    .containsExactly("c");
            assertThat(positions.resumeFrom(FILE))
                    .isEqualTo(new PositionStore.Position("1024:aaaa", 300));
        }
    }

    @Test
    void
            withAPositionsFileFromBeforeJournalThroughEveryJournaledChunkIsResentAndMarksApplyAsBefore()
                    throws Exception {
        Files.writeString(state.resolve("positions.tsv"), "5000\t1024:bbbb\t" + FILE + "\n");
        ChunkJournal journal = new ChunkJournal(state);
        journal.load();
        journal.record(chunk("same-file-behind", mark(FILE, "1024:bbbb", 4_000)));
        journal.record(chunk("other-fingerprint", mark("/other", "10:aaaa", 10)));

        try (Positions positions = restart()) {
            assertThat(positions.toResend())
                    .extracting(SealedChunk::id)
                    .containsExactly("same-file-behind", "other-fingerprint");
            assertThat(positions.resumeFrom(FILE))
                    .isEqualTo(new PositionStore.Position("1024:bbbb", 5_000));
            assertThat(positions.resumeFrom("/other"))
                    .isEqualTo(new PositionStore.Position("10:aaaa", 10));
        }
    }
}
