package dev.hakobu.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkJournalTest {
    @TempDir Path state;

    private static SealedChunk chunk(String id, String path, long end, byte... entries) {
        return new SealedChunk(
                id,
                "app.api",
                entries,
                entries.length,
                1,
                List.of(new SealedChunk.Mark(path, "ino", end)));
    }

    private long files() throws Exception {
        try (Stream<Path> s = Files.list(state.resolve("inflight"))) {
            return s.count();
        }
    }

    @Test
    void chunksInFlightAreLoadedBackInSendOrderWithTheirBytesAndIds() throws Exception {
        ChunkJournal journal = new ChunkJournal(state);
        journal.record(chunk("b-second", "/a", 10, (byte) 1, (byte) 2));
        journal.record(chunk("a-first", "/a", 20, (byte) 3));

        List<SealedChunk> loaded = new ChunkJournal(state).load();
        assertThat(loaded).extracting(SealedChunk::id).containsExactly("b-second", "a-first");
        assertThat(loaded.get(0).entries()).containsExactly(1, 2);
        assertThat(loaded.get(1).marks()).containsExactly(new SealedChunk.Mark("/a", "ino", 20));
    }

    @Test
    void aTornEntryIsDroppedAndTheOthersSurvive() throws Exception {
        ChunkJournal journal = new ChunkJournal(state);
        journal.record(chunk("good", "/a", 10, (byte) 1));
        journal.record(chunk("torn", "/a", 20, (byte) 2, (byte) 3, (byte) 4));
        Path torn;
        try (Stream<Path> s = Files.list(state.resolve("inflight"))) {
            torn = s.filter(p -> p.toString().endsWith("-torn.chunk")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(torn);
        Files.write(torn, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        assertThat(new ChunkJournal(state).load())
                .extracting(SealedChunk::id)
                .containsExactly("good");
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void aFileTheJournalDidNotNameIsLeftAloneAndDoesNotDisturbTheNumbering() throws Exception {
        ChunkJournal journal = new ChunkJournal(state);
        journal.record(chunk("c1", "/a", 10, (byte) 1));
        Path stray = state.resolve("inflight").resolve("copy-of-c1.chunk");
        try (Stream<Path> s = Files.list(state.resolve("inflight"))) {
            Files.copy(s.findFirst().orElseThrow(), stray);
        }

        ChunkJournal reopened = new ChunkJournal(state);
        List<SealedChunk> loaded = reopened.load();
        assertThat(loaded).extracting(SealedChunk::id).containsExactly("c1");
        assertThat(reopened.sequenceOf(loaded.get(0))).isZero();
        SealedChunk next = chunk("c2", "/a", 20, (byte) 2);
        reopened.record(next);
        assertThat(reopened.sequenceOf(next)).isEqualTo(1);
        assertThat(stray).exists();
    }

    @Test
    void readingResumesAfterJournaledChunksAndTheirEntriesGoOnceThePositionsCoverThem()
            throws Exception {
        ChunkJournal journal = new ChunkJournal(state);
        SealedChunk inFlight = chunk("c1", "/log/a", 500, (byte) 1);
        journal.record(inFlight);

        ChunkJournal reopened = new ChunkJournal(state);
        List<SealedChunk> journaled = reopened.load();
        try (Positions positions = new Positions(new PositionStore(state), reopened, journaled)) {
            assertThat(positions.resumeFrom("/log/a"))
                    .isEqualTo(new PositionStore.Position("ino", 500));
            assertThat(positions.committed("/log/a")).isNull();

            positions.sent(journaled.get(0));
            positions.acked(journaled.get(0));
        }
        assertThat(files()).isZero();
        assertThat(new PositionStore(state).load().positions())
                .containsEntry("/log/a", new PositionStore.Position("ino", 500));
    }
}
