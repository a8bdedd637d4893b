package dev.hakobu.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionsTest {
    @TempDir Path state;

    private static SealedChunk chunk(String id, long end) {
        return new SealedChunk(
                id, "t", new byte[0], 0, 1, List.of(new SealedChunk.Mark("/log/a", "ino1", end)));
    }

    @Test
    void aPositionMovesOnlyThroughTheAcknowledgedPrefixInSendOrder() throws Exception {
        try (Positions positions =
                new Positions(new PositionStore(state), new ChunkJournal(state), List.of())) {
            SealedChunk first = chunk("c1", 100);
            SealedChunk second = chunk("c2", 200);
            positions.sent(first);
            positions.sent(second);

            positions.acked(second); // out of order: the first chunk may still be lost
            assertThat(positions.committed("/log/a")).isNull();
            assertThat(positions.inFlight()).isEqualTo(2);

            positions.acked(first);
            assertThat(positions.committed("/log/a"))
                    .isEqualTo(new PositionStore.Position("ino1", 200));
            assertThat(positions.inFlight()).isZero();
        }
        // and it survived: a new process resumes from it
        try (Positions reopened =
                new Positions(new PositionStore(state), new ChunkJournal(state), List.of())) {
            assertThat(reopened.committed("/log/a"))
                    .isEqualTo(new PositionStore.Position("ino1", 200));
        }
    }

    @Test
    void aForgottenPositionIsDroppedOnlyOnceNoChunkInFlightCarriesItAndTheDropIsSaved()
            throws Exception {
        SealedChunk b =
                new SealedChunk(
                        "c2",
                        "t",
                        new byte[0],
                        0,
                        1,
                        List.of(new SealedChunk.Mark("/log/b", "ino2", 50)));
        try (Positions positions =
                new Positions(new PositionStore(state), new ChunkJournal(state), List.of())) {
            SealedChunk a = chunk("c1", 100);
            positions.sent(a);
            positions.acked(a);
            positions.sent(b);

            assertThat(positions.forget(List.of("/log/a", "/log/b"))).containsExactly("/log/a");
            assertThat(positions.committed("/log/a")).isNull();
            assertThat(positions.keys()).doesNotContain("/log/a");

            positions.acked(b);
            assertThat(positions.committed("/log/b")).isNotNull();
            assertThat(positions.forget(List.of("/log/b"))).containsExactly("/log/b");
        }
        assertThat(new PositionStore(state).load().positions()).isEmpty();
        assertThat(state.resolve("positions.tsv.tmp")).doesNotExist();
    }
}
