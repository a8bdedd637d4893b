package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.parse.RawParserConfig;
import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.agent.ship.SealedChunk;
import dev.hakobu.config.DataSize;
import dev.hakobu.event.EntryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16, item 6: a chunk's entries never exceed batch.max_bytes, because a line that would push them over
 * goes into the next chunk (Fluent Bit 4.2.8 acks, then drops, a compressed chunk larger than its buffer).
 */
class ChunkSizeBoundTest {
    private static final int MAX = 4096;

    @TempDir Path dir;

    @Test
    void noChunkExceedsMaxBytesWhateverTheLineLengthsAndALineLargerThanItGoesAlone()
            throws Exception {
        SplittableRandom random = new SplittableRandom(16);
        StringBuilder text = new StringBuilder();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String line =
                    i == 1500
                            ? "huge " + "h".repeat(MAX * 2) // over max_bytes alone
                            : String.format("%05d %s", i, "x".repeat(random.nextInt(1, 600)));
            written.add(line);
            text.append(line).append('\n');
        }
        Path log = Files.writeString(dir.resolve("app.log"), text);
        TailSourceConfig source =
                TailSourceConfig.of(List.of(log.toString()), "app", new RawParserConfig());
        try (TailHarness h =
                new TailHarness(
                        dir.resolve("state"),
                        new BatchConfig(DataSize.ofBytes(MAX), Duration.ofSeconds(1)),
                        source)) {
            h.scan().drain();
            assertThat(h.field("message")).isEqualTo(written);
            int full = 0;
            for (SealedChunk c : h.chunks) {
                assertThat(EntryReader.count(c.entries(), 0, c.length())).isEqualTo(c.count());
                if (c.count() == 1 && c.length() > MAX) {
                    continue; // the huge line, alone
                }
                assertThat(c.length())
                        .as("chunk %s of %s records", c.id(), c.count())
                        .isLessThanOrEqualTo(MAX);
                full += c.length() > MAX - 700 ? 1 : 0; // sealed because the next line did not fit
            }
            assertThat(h.chunks)
                    .filteredOn(c -> c.length() > MAX)
                    .singleElement()
                    .satisfies(c -> assertThat(c.count()).isEqualTo(1));
            assertThat(full)
                    .as("chunks are still filled close to the limit")
                    .isGreaterThan(h.chunks.size() * 9 / 10);
        }
    }
}
