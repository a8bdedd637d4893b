package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.parse.RawParserConfig;
import dev.hakobu.agent.ship.PositionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Positions of files gone from disk are forgotten, and only those. */
class GoneFilesTest {
    @TempDir Path dir;

    private TailSourceConfig source(String glob) {
        return TailSourceConfig.of(List.of(dir + "/" + glob), "app", new RawParserConfig());
    }

    private static String lines(String prefix, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(String.format("%s line %03d %s%n", prefix, i, "x".repeat(80)));
        }
        return b.toString();
    }

    @Test
    void
            aDeletedFilesPositionIsForgottenOnceItIsReleasedAndTwoScansFindItGoneWhileAFileOnDiskKeepsIts()
                    throws Exception {
        Path gone = dir.resolve("gone.log");
        Path stays = dir.resolve("stays.log");
        Files.writeString(gone, lines("g", 3));
        Files.writeString(stays, lines("s", 3));
        String goneKey = TailedFile.keyOf(gone);
        String staysKey = TailedFile.keyOf(stays);
        Path state = dir.resolve("state");
        try (TailHarness h = new TailHarness(state, source("*.log"))) {
            h.scan().drain();
            assertThat(h.positions.keys()).contains(goneKey, staysKey);

            Files.delete(gone);
            h.advance(Duration.ofSeconds(6)).drain(); // rotate_wait without new data: released
            assertThat(h.reader.openFiles()).extracting(TailedFile::key).containsExactly(staysKey);
            h.scan();
            assertThat(h.positions.keys())
                    .as("one scan may miss a file being renamed")
                    .contains(goneKey);
            h.scan();
            assertThat(h.positions.keys()).doesNotContain(goneKey).contains(staysKey);
        }
        assertThat(new PositionStore(state).load().positions()).containsOnlyKeys(staysKey);
    }

    @Test
    void aTruncationWhoseCopyIsOutsideTheGlobsIsForgottenAfterARestartButNotWhileItsCopyIsRead()
            throws Exception {
        Path app = dir.resolve("app.log");
        Path state = dir.resolve("state");
        Files.writeString(app, lines("old", 20));
        String truncated;
        try (TailHarness h = new TailHarness(state, source("app.log"))) {
            h.scan().drain();
            truncated =
                    Truncation.key(
                            h.reader.openFiles().get(0).fingerprint(), TailedFile.keyOf(dir));
            Files.copy(
                    app,
                    dir.resolve("app.log.1"),
                    StandardCopyOption.COPY_ATTRIBUTES); // not globbed
            Files.writeString(app, lines("new", 5), StandardOpenOption.TRUNCATE_EXISTING);
            h.drain().scan().scan().scan();
            assertThat(h.positions.keys())
                    .as("its copy may still turn up this run")
                    .contains(truncated);
        }
        try (TailHarness h = new TailHarness(state, source("app.log"))) {
            h.scan().scan();
            assertThat(h.positions.keys())
                    .doesNotContain(truncated)
                    .contains(TailedFile.keyOf(app));
        }
        // with the copy globbed and being read, the truncation is still needed: the copy has no
        // lines of its own
        try (TailHarness h = new TailHarness(dir.resolve("state2"), source("app.log*"))) {
            Files.delete(dir.resolve("app.log.1"));
            Files.writeString(app, lines("third", 20), StandardOpenOption.TRUNCATE_EXISTING);
            h.scan().drain();
            String fp =
                    Truncation.key(
                            h.reader.openFiles().get(0).fingerprint(), TailedFile.keyOf(dir));
            Files.copy(app, dir.resolve("app.log.1"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(app, lines("fourth", 5), StandardOpenOption.TRUNCATE_EXISTING);
            h.drain().scan().drain().scan().scan();
            assertThat(h.reader.openFiles()).hasSize(2);
            assertThat(h.positions.keys()).contains(fp);
        }
    }
}
