package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.parse.RawParserConfig;
import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.config.DataSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one file, with time passed in explicitly: no test here waits on a clock. */
class TailedFileTest {
    private static final long SECOND = 1_000_000_000L;
    @TempDir Path dir;

    private final List<String> lines = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();
    private final List<Boolean> truncated = new ArrayList<>();
    private final List<Truncation> truncations = new ArrayList<>();
    private final ReadBuffer buffer = new ReadBuffer(64 * 1024);
    private final LineSink sink =
            new LineSink() {
                @Override
                public void line(
                        TailedFile f, byte[] buf, int off, int len, long end, boolean cut) {
                    lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
                    ends.add(end);
                    truncated.add(cut);
                }

                @Override
                public void truncated(TailedFile f, Truncation before) {
                    truncations.add(before);
                }
            };

    private TailedFile open(Path p, long offset, TailSourceConfig config) throws Exception {
        var ch = TailedFile.open(p);
        return new TailedFile(
                p,
                TailedFile.keyOf(p),
                TailedFile.keyOf(dir),
                new TailSource(
                        config, new BatchConfig(DataSize.ofBytes(4096), Duration.ofSeconds(1))),
                ch,
                Fingerprint.of(ch, ch.size(), buffer.fingerprint),
                offset,
                0);
    }

    private TailedFile open(Path p, long offset) throws Exception {
        return open(
                p, offset, TailSourceConfig.of(List.of(p.toString()), "t", new RawParserConfig()));
    }

    private void readToEnd(TailedFile f, long now) throws Exception {
        while (f.read(sink, buffer, now) > 0) {
            // until nothing is left
        }
    }

    @Test
    void aLineWithoutItsNewlineWaitsForIt() throws Exception {
        Path p = dir.resolve("a.log");
        Files.writeString(p, "one\ntw");
        TailedFile f = open(p, 0);
        f.read(sink, buffer, 0);
        assertThat(lines).containsExactly("one");
        assertThat(f.offset()).isEqualTo(4);

        Files.writeString(p, "o\r\nthree\n\n", StandardOpenOption.APPEND);
        readToEnd(f, SECOND);
        assertThat(lines).containsExactly("one", "two", "three");
        assertThat(ends).containsExactly(4L, 9L, 15L);
        assertThat(f.offset()).isEqualTo(16); // the blank line is skipped but consumed
        f.close();
    }

    @Test
    void aLastLineWithoutNewlineIsSentAfterPartialLineWaitAndNotAgainWhenItsNewlineArrives()
            throws Exception {
        Path p = dir.resolve("partial.log");
        Files.writeString(p, "one\nlast words");
        TailedFile f = open(p, 0);
        readToEnd(f, 0);
        readToEnd(f, 4 * SECOND);
        assertThat(lines).containsExactly("one");

        readToEnd(f, 5 * SECOND); // the default partial_line_wait: 5 s without growth
        assertThat(lines).containsExactly("one", "last words");
        assertThat(ends).containsExactly(4L, 14L);

        Files.writeString(p, "\nnext\n", StandardOpenOption.APPEND);
        readToEnd(f, 6 * SECOND);
        assertThat(lines).containsExactly("one", "last words", "next");
        f.close();
    }

    @Test
    void readingResumesAtACommittedOffset() throws Exception {
        Path p = dir.resolve("b.log");
        Files.writeString(p, "one\ntwo\nthree\n");
        TailedFile f = open(p, 4);
        readToEnd(f, 0);
        assertThat(lines).containsExactly("two", "three");
        f.close();
    }

    @Test
    void aFileTruncatedBelowTheOffsetIsReadAgainFromItsStart() throws Exception {
        Path p = dir.resolve("c.log");
        Files.writeString(p, "old line one\nold line two\n");
        TailedFile f = open(p, 0);
        readToEnd(f, 0);
        Files.writeString(p, "new\n", StandardOpenOption.TRUNCATE_EXISTING);
        readToEnd(f, 0);
        assertThat(lines).containsExactly("old line one", "old line two", "new");
        assertThat(truncations).extracting(Truncation::offset).containsExactly(26L);
        f.close();
    }

    @Test
    void aFileTruncatedAndRewrittenPastTheOldOffsetIsRecognisedByItsFirstBytes() throws Exception {
        Path p = dir.resolve("regrown.log");
        Files.writeString(p, "a".repeat(50) + "\n");
        TailedFile f = open(p, 0);
        readToEnd(f, 0);
        Files.writeString(p, "b".repeat(80) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        readToEnd(f, 0);
        assertThat(lines).containsExactly("a".repeat(50), "b".repeat(80));
        f.close();
    }

    /** Lines of one length, as a logger writes them: a rewritten file can reach exactly the old offset. */
    private static String numbered(String prefix, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(String.format("%s line %03d %s%n", prefix, i, "x".repeat(80)));
        }
        return b.toString();
    }

    @Test
    void aFileTruncatedAndRewrittenToExactlyTheOffsetReadIsRecognisedByItsFirstBytes()
            throws Exception {
        Path p = dir.resolve("same-size.log");
        Files.writeString(p, numbered("old", 20));
        TailedFile f = open(p, 0);
        readToEnd(f, 0);
        long oldSize = Files.size(p);
        Files.writeString(
                p,
                numbered("new", 20),
                StandardOpenOption.TRUNCATE_EXISTING); // copytruncate, app wrote on
        assertThat(Files.size(p)).isEqualTo(oldSize);

        readToEnd(f, SECOND); // a poll interval later
        assertThat(lines).hasSize(40).endsWith(numbered("new", 20).lines().toArray(String[]::new));
        assertThat(truncations).extracting(Truncation::offset).containsExactly(oldSize);
        f.close();
    }

    @Test
    void aTruncationBetweenTheLookAtTheFirstBytesAndTheReadIsNotTakenForTheOldContent()
            throws Exception {
        Path p = dir.resolve("race.log");
        Files.writeString(p, numbered("old", 20));
        var real = TailedFile.open(p);
        String oldFingerprint = Fingerprint.of(real, real.size(), buffer.fingerprint);
        var racing =
                new RewritingChannel(
                        real,
                        () ->
                                Files.writeString(
                                        p,
                                        numbered("new", 5),
                                        StandardOpenOption.TRUNCATE_EXISTING));
        TailedFile f =
                new TailedFile(
                        p,
                        TailedFile.keyOf(p),
                        TailedFile.keyOf(dir),
                        new TailSource(
                                TailSourceConfig.of(
                                        List.of(p.toString()), "t", new RawParserConfig()),
                                new BatchConfig(DataSize.ofBytes(4096), Duration.ofSeconds(1))),
                        racing,
                        oldFingerprint,
                        0,
                        0);

        readToEnd(f, 0);
        // none of the old content was read: its copy is read from 0, and the new lines are sent
        // once
        assertThat(lines).containsExactly(numbered("new", 5).lines().toArray(String[]::new));
        assertThat(truncations)
                .containsExactly(new Truncation(oldFingerprint, 0, TailedFile.keyOf(dir)));
        f.close();
    }

    @Test
    void aLineLongerThanTheReadBufferButWithinTheLimitIsDeliveredWhole() throws Exception {
        Path p = dir.resolve("d.log");
        String longLine = "x".repeat(1_000_000);
        Files.writeString(p, longLine + "\nshort\n");
        TailedFile f = open(p, 0);
        readToEnd(f, 0);
        assertThat(lines).containsExactly(longLine, "short");
        assertThat(truncated).containsExactly(false, false);
        f.close();
    }

    @Test
    void aTenMebibyteLineIsTruncatedAndFlaggedWithBoundedMemoryAndTheNextLineStillArrives()
            throws Exception {
        Path p = dir.resolve("huge.log");
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'y');
        Files.writeString(p, "before\n");
        Files.write(p, huge, StandardOpenOption.APPEND);
        Files.writeString(p, "\nafter\n", StandardOpenOption.APPEND);
        TailedFile f = open(p, 0);
        readToEnd(f, 0);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("before");
        assertThat(lines.get(1)).hasSize(1024 * 1024);
        assertThat(lines.get(2)).isEqualTo("after");
        assertThat(truncated).containsExactly(false, true, false);
        assertThat(ends.get(1)).as("the truncated line resumes at its own start").isEqualTo(7L);
        assertThat(buffer.bytes.length).isLessThanOrEqualTo(ReadBuffer.DEFAULT);
        assertThat(f.offset()).isEqualTo(Files.size(p));
        f.close();
    }

    @Test
    void withLongLinesSkipATooLongLineIsDroppedAndCounted() throws Exception {
        Path p = dir.resolve("skip.log");
        Files.writeString(p, "ok\n" + "z".repeat(5000) + "\nfine\n");
        TailSourceConfig config =
                new TailSourceConfig(
                        List.of(p.toString()),
                        List.of(),
                        "t",
                        new RawParserConfig(),
                        true,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        DataSize.ofBytes(1000),
                        LongLineMode.SKIP,
                        Duration.ofSeconds(5),
                        List.of(),
                        false);
        TailedFile f = open(p, 0, config);
        readToEnd(f, 0);
        assertThat(lines).containsExactly("ok", "fine");
        assertThat(f.source().counters.skippedLines()).isEqualTo(1);
        assertThat(f.source().counters.truncatedLines()).isZero();
        f.close();
    }
}
