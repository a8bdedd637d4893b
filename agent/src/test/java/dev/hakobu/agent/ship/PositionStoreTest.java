package dev.hakobu.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionStoreTest {
    private static final Map<String, PositionStore.Position> GOLDEN = new LinkedHashMap<>();

    static {
        GOLDEN.put("(dev=2049,ino=131)", new PositionStore.Position("1024:9f0c2a1b", 5000));
        GOLDEN.put("truncated 1024:77aa01c3", new PositionStore.Position("", 733));
    }

    @TempDir Path state;

    @Test
    void theFileIsTheJournalMarkThenOnePositionPerLine() throws Exception {
        new PositionStore(state).save(GOLDEN, OptionalLong.of(41));

        assertThat(state.resolve("positions.tsv"))
                .hasSameTextualContentAs(TestData.file("agent-state/positions.tsv"));
        assertThat(new PositionStore(state).load())
                .isEqualTo(new PositionStore.Saved(GOLDEN, OptionalLong.of(41)));
    }

    @Test
    void aFileFromBeforeTheJournalMarkLoadsWithWhatItCoversUnknown() throws Exception {
        Files.copy(
                TestData.file("agent-state/positions-before-journal-through.tsv"),
                state.resolve("positions.tsv"));

        assertThat(new PositionStore(state).load())
                .isEqualTo(new PositionStore.Saved(GOLDEN, OptionalLong.empty()));
    }

    @Test
    void aVersionThatReadsOnlyPositionLinesCanStillLoadTheFile() throws Exception {
        // what versions before the journal mark did: three tab-separated fields, the first a
        // number, or skip
        for (String line : Files.readAllLines(TestData.file("agent-state/positions.tsv"))) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3) {
                assertThat(parts[0]).as(line).matches("[0-9]+");
            }
        }
    }

    @Test
    void noFileYetMeansNothingIsCovered() throws Exception {
        assertThat(new PositionStore(state).load())
                .isEqualTo(new PositionStore.Saved(Map.of(), OptionalLong.of(-1)));
    }

    @Test
    void keysWithSpacesAndTabsRoundTripAndTheFileIsReplacedAtomically() throws Exception {
        PositionStore store = new PositionStore(state);
        store.save(
                Map.of("/var/log/my app.log", new PositionStore.Position("(dev=1,ino=2)", 1)),
                OptionalLong.empty());
        store.save(
                Map.of("/var/log/my\tapp.log", new PositionStore.Position("(dev=1,ino=2)", 42)),
                OptionalLong.empty());

        assertThat(store.load().positions())
                .containsExactly(
                        Map.entry(
                                "/var/log/my\tapp.log",
                                new PositionStore.Position("(dev=1,ino=2)", 42)));
        assertThat(state.resolve("positions.tsv.tmp")).doesNotExist();
    }
}
