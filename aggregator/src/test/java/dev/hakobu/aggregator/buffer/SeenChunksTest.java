package dev.hakobu.aggregator.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenChunksTest {
    @TempDir Path state;

    @Test
    void rememberedIdsSurviveARestart() throws Exception {
        try (SeenChunks seen = new SeenChunks(state, 100)) {
            seen.add("a");
            seen.add("b");
        }
        try (SeenChunks seen = new SeenChunks(state, 100)) {
            assertThat(seen.contains("a")).isTrue();
            assertThat(seen.contains("b")).isTrue();
            assertThat(seen.contains("c")).isFalse();
        }
    }

    @Test
    void onlyTheLastWindowOfIdsIsKeptAndTheLogIsCompacted() throws Exception {
        try (SeenChunks seen = new SeenChunks(state, 3)) {
            for (int i = 0; i < 20; i++) {
                seen.add("id" + i);
            }
            assertThat(seen.contains("id16")).isFalse();
            assertThat(seen.contains("id17")).isTrue();
            assertThat(seen.contains("id19")).isTrue();
        }
        assertThat(Files.readAllLines(state.resolve("seen-chunks.log")).size())
                .isLessThanOrEqualTo(6);
        try (SeenChunks seen = new SeenChunks(state, 3)) {
            assertThat(seen.contains("id16")).isFalse();
            assertThat(seen.contains("id17")).isTrue();
        }
    }

    @Test
    void aTornLastLineIsIgnored() throws Exception {
        Files.writeString(state.resolve("seen-chunks.log"), "done\nhalf-writ");
        try (SeenChunks seen = new SeenChunks(state, 10)) {
            assertThat(seen.contains("done")).isTrue();
            assertThat(seen.contains("half-writ")).isFalse();
            seen.add("next");
        }
        try (SeenChunks seen = new SeenChunks(state, 10)) {
            assertThat(seen.contains("next")).isTrue();
        }
    }

    @Test
    void aZeroWindowRemembersNothing() throws Exception {
        try (SeenChunks seen = new SeenChunks(state, 0)) {
            seen.add("a");
            assertThat(seen.contains("a")).isFalse();
        }
    }
}
