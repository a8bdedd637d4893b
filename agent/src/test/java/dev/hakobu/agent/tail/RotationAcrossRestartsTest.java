package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.parse.RawParserConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation while the agent is down, over several runs sharing one state directory: each {@link TailHarness}
 * is one run of the agent (every chunk acked at once, positions saved when it stops). What every run
 * delivered, taken together, must hold every line exactly once.
 */
class RotationAcrossRestartsTest {
    @TempDir Path dir;

    private final List<String> delivered = new ArrayList<>();

    /** Lines of ~100 bytes, so a few of them fill the 1 KiB fingerprint. */
    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(String.format("line %06d %s%n", i, "x".repeat(88)));
        }
        return b.toString();
    }

    /** Every line number from {@code from} to {@code to}, once each, in order. */
    private void assertDeliveredOnce(int from, int to) {
        List<Integer> numbers =
                new ArrayList<>(
                        delivered.stream().map(l -> Integer.parseInt(l.substring(5, 11))).toList());
        numbers.sort(null);
        assertThat(numbers).isEqualTo(IntStream.range(from, to).boxed().toList());
    }

    /**
     * One run of the agent: everything read and acked, then a stop. Three scans, so that a position the
     * run wrongly took for gone (two scans) would be missing at the next start.
     */
    private void run() throws Exception {
        TailSourceConfig source =
                TailSourceConfig.of(List.of(dir + "/app.log*"), "app", new RawParserConfig());
        try (TailHarness h = new TailHarness(dir.resolve("state"), source)) {
            h.scan().drain().scan().drain().scan().drain();
            delivered.addAll(h.field("message"));
        }
    }

    private void copyTruncate(Path log, Path copy, String newContent) throws Exception {
        Files.copy(log, copy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(log, newContent, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Test
    void aCopyFoundWithNothingLeftToReadAfterARestartIsNotReadAgainAfterTheNextRestart()
            throws Exception {
        Path app = dir.resolve("app.log");
        Files.writeString(app, lines(0, 20));
        run(); // reads 0-19 and commits them under app.log's inode

        // while the agent is down: copytruncate (the copy holds only lines already delivered), then
        // a
        // rename-and-create, so the truncated original lives on under another name
        copyTruncate(app, dir.resolve("app.log.1"), lines(20, 25));
        Files.move(app, dir.resolve("app.log.2"));
        Files.writeString(app, lines(25, 30));
        run(); // sees the truncation at start: the copy starts at its end, the original from 0

        run(); // the truncated original's new content is committed now: the copy must still be
        // known
        assertDeliveredOnce(0, 30);
    }

    @Test
    void aCopyFoundAfterARestartWithUnreadLinesIsReadOnFromTheOriginalsOffsetOnly()
            throws Exception {
        Path app = dir.resolve("app.log");
        Files.writeString(app, lines(0, 20));
        run();

        Files.writeString(
                app, lines(20, 24), StandardOpenOption.APPEND); // never read by the first run
        copyTruncate(app, dir.resolve("app.log.1"), lines(24, 26));
        run();
        run();
        assertDeliveredOnce(0, 26);
    }
}
