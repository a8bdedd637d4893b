package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.parse.RawParserConfig;
import dev.hakobu.config.DataSize;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation, deletion, identity and discovery, over real files; time is a fake clock advanced by the test. */
class TailReaderTest {
    @TempDir Path dir;

    private Path log(String name) {
        return dir.resolve(name);
    }

    private TailSourceConfig raw(String... globs) {
        return TailSourceConfig.of(List.of(globs), "app.api", new RawParserConfig());
    }

    /** Lines of ~100 bytes, so a few of them fill the 1 KiB fingerprint. */
    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(String.format("line %06d %s%n", i, "x".repeat(88)));
        }
        return b.toString();
    }

    private static List<String> expected(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> String.format("line %06d %s", i, "x".repeat(88)))
                .toList();
    }

    @Test
    void
            renameRotationReadsLinesWrittenToTheOldFileAfterTheRenameThenTheNewFileAndReleasesTheOldOne()
                    throws Exception {
        Path app = log("app.log");
        try (TailHarness h = new TailHarness(dir.resolve("state"), raw(app.toString()));
                OutputStream old =
                        Files.newOutputStream(
                                app, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            old.write(lines(0, 20).getBytes(StandardCharsets.UTF_8));
            h.scan().drain();
            Files.move(app, log("app.log.1"));
            old.write(
                    lines(20, 30).getBytes(StandardCharsets.UTF_8)); // the app has not reopened yet
            Files.writeString(app, lines(30, 40));
            h.drain();
            assertThat(h.reader.openFiles()).hasSize(2);

            h.advance(Duration.ofSeconds(6)).drain(); // rotate_wait (5 s) without new data
            assertThat(h.reader.openFiles()).extracting(TailedFile::path).containsExactly(app);
            List<String> all = new ArrayList<>(h.field("message"));
            all.sort(null);
            assertThat(all).isEqualTo(expected(0, 40));
        }
    }

    @Test
    void copytruncateWithTheCopyMatchedReadsTheUnreadRestFromTheCopyAndEveryLineOnce()
            throws Exception {
        Path app = log("app.log");
        try (TailHarness h = new TailHarness(dir.resolve("state"), raw(dir + "/app.log*"))) {
            Files.writeString(app, lines(0, 20));
            h.scan().drain();
            Files.writeString(
                    app, lines(20, 30), StandardOpenOption.APPEND); // not read yet when rotated
            Files.copy(app, log("app.log.1"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(app, "", StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(app, lines(30, 35), StandardOpenOption.APPEND);
            h.scan().drain().scan().drain();
            List<String> all = new ArrayList<>(h.field("message"));
            all.sort(null);
            assertThat(all).isEqualTo(expected(0, 35));
        }
    }

    /**
     * Issue #4 (rotation torture, seed 7): a scan found the copy just after Files.copy had created it and
     * before it wrote anything. An empty file cannot be told from a new one, so it was read from 0: every
     * line the original had delivered came again from the copy.
     */
    @Test
    void aCopyFoundEmptyAndTruncatedBeforeItsNextReadIsReadOnlyFromWhereTheOriginalWas()
            throws Exception {
        Path app = log("app.log");
        try (TailHarness h = new TailHarness(dir.resolve("state"), raw(dir + "/app.log*"))) {
            Files.writeString(app, lines(0, 20));
            h.scan().drain();
            Path copy =
                    Files.createFile(
                            log("app.log.1")); // Files.copy created it, has not written yet
            h.scan().drain();
            Files.write(copy, Files.readAllBytes(app), StandardOpenOption.APPEND);
            Files.writeString(
                    app,
                    lines(20, 25),
                    StandardOpenOption.TRUNCATE_EXISTING); // the app writes on from 0
            h.drain().scan().drain().scan().drain();
            List<String> all = new ArrayList<>(h.field("message"));
            all.sort(null);
            assertThat(all).isEqualTo(expected(0, 25));
        }
    }

    @Test
    void aCopyFoundEmptyAndFilledWhileItsOriginalIsStillReadWaitsForTheTruncation()
            throws Exception {
        Path app = log("app.log");
        try (TailHarness h = new TailHarness(dir.resolve("state"), raw(dir + "/app.log*"))) {
            Files.writeString(app, lines(0, 20));
            h.scan().drain();
            Path copy = Files.createFile(log("app.log.1"));
            h.scan().drain();
            Files.writeString(
                    app, lines(20, 30), StandardOpenOption.APPEND); // not read yet when copied
            Files.write(copy, Files.readAllBytes(app), StandardOpenOption.APPEND);
            h.drain(); // the copy's first KiB equals the original's: it is closed until the
            // original is truncated
            Files.writeString(app, lines(30, 35), StandardOpenOption.TRUNCATE_EXISTING);
            h.drain().scan().drain().scan().drain();
            List<String> all = new ArrayList<>(h.field("message"));
            all.sort(null);
            assertThat(all).isEqualTo(expected(0, 35));
        }
    }

    @Test
    void aNewFileFoundEmptyIsStillReadFromItsHeadOnceItHoldsAFullFingerprint() throws Exception {
        Path app = log("app.log");
        try (TailHarness h = new TailHarness(dir.resolve("state"), raw(dir + "/app.log*"))) {
            Files.writeString(app, lines(0, 20));
            h.scan().drain();
            Path other = Files.createFile(log("app.log.1"));
            h.scan().drain();
            Files.writeString(other, lines(100, 120), StandardOpenOption.APPEND);
            Files.writeString(app, lines(20, 25), StandardOpenOption.APPEND);
            h.drain().scan().drain();
            List<String> all = new ArrayList<>(h.field("message"));
            all.sort(null);
            List<String> want = new ArrayList<>(expected(0, 25));
            want.addAll(expected(100, 120));
            assertThat(all).isEqualTo(want);
        }
    }

    /** Issue #16: a fingerprint links a copy only to a truncation in its own directory. */
    @Test
    void aFileInAnotherDirectoryThatStartsLikeATruncatedFileIsReadWholeNotTakenForItsCopy()
            throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")).resolve("app.log");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("app.log");
        try (TailHarness h = new TailHarness(dir.resolve("state"), raw(dir + "/*/app.log"))) {
            Files.writeString(a, lines(0, 20));
            h.scan().drain();
            Files.writeString(
                    a,
                    lines(100, 105),
                    StandardOpenOption.TRUNCATE_EXISTING); // its copy is not globbed
            h.drain();
            Files.writeString(b, lines(0, 25)); // the same start, in another directory
            h.scan().drain();
            List<String> all = new ArrayList<>(h.field("message"));
            all.sort(null);
            List<String> want = new ArrayList<>(expected(0, 20));
            want.addAll(expected(0, 25));
            want.addAll(expected(100, 105));
            want.sort(null);
            assertThat(all).isEqualTo(want);
        }
    }

    /** Upgrades: a truncation saved without its directory still links a copy found after the restart. */
    @Test
    void aTruncationSavedByAnOlderVersionWithoutItsDirectoryIsStillClaimedByItsCopy()
            throws Exception {
        Path copy = log("app.log.1");
        Files.writeString(copy, lines(0, 25));
        String fp;
        try (var ch = TailedFile.open(copy)) {
            fp = Fingerprint.of(ch, ch.size(), new byte[Fingerprint.BYTES]);
        }
        Path state = Files.createDirectories(dir.resolve("state"));
        // what an older version saved when app.log, read to line 20, was truncated
        Files.writeString(
                state.resolve("positions.tsv"),
                lines(0, 20).length() + "\t\ttruncated " + fp + "\n");
        try (TailHarness h = new TailHarness(state, raw(dir + "/app.log*"))) {
            h.scan().drain();
            assertThat(h.field("message")).isEqualTo(expected(20, 25));
        }
    }

    @Test
    void aNewFileThatReusesAnInodeIsReadFromItsStartBecauseItsFirstBytesDiffer() throws Exception {
        Path app = log("app.log");
        Files.writeString(app, lines(0, 20));
        String key = TailedFile.keyOf(app);
        Path state = Files.createDirectories(dir.resolve("state"));
        // what an earlier file with this inode left: read to 1500 of another content
        Files.writeString(state.resolve("positions.tsv"), "1500\t1024:deadbeef\t" + key + "\n");
        try (TailHarness h = new TailHarness(state, raw(app.toString()))) {
            h.scan().drain();
            assertThat(h.field("message")).isEqualTo(expected(0, 20));
        }
    }

    @Test
    void aSavedOffsetPastTheEndOfItsFileIsNotTrusted() throws Exception {
        Path app = log("app.log");
        Files.writeString(app, lines(0, 5));
        String key = TailedFile.keyOf(app);
        String fp;
        try (var ch = TailedFile.open(app)) {
            fp = Fingerprint.of(ch, ch.size(), new byte[Fingerprint.BYTES]);
        }
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve("positions.tsv"), "999999\t" + fp + "\t" + key + "\n");
        try (TailHarness h = new TailHarness(state, raw(app.toString()))) {
            h.scan().drain();
            assertThat(h.field("message")).isEqualTo(expected(0, 5));
        }
    }

    @Test
    void aDeletedFileIsReadToItsEndAndClosedAfterRotateWait() throws Exception {
        Path app = log("app.log");
        try (TailHarness h = new TailHarness(dir.resolve("state"), raw(app.toString()));
                OutputStream out = Files.newOutputStream(app)) {
            out.write(lines(0, 3).getBytes(StandardCharsets.UTF_8));
            h.scan().drain();
            Files.delete(app);
            out.write(lines(3, 5).getBytes(StandardCharsets.UTF_8));
            h.drain();
            assertThat(h.reader.openFiles()).hasSize(1);
            h.advance(Duration.ofSeconds(5)).drain();
            assertThat(h.reader.openFiles()).isEmpty();
            assertThat(h.field("message")).isEqualTo(expected(0, 5));
        }
    }

    @Test
    void excludedFilesAreLeftAloneAndTagsAreBuiltFromFileNames() throws Exception {
        Files.writeString(log("api.log"), "a\n");
        Files.writeString(log("web.log"), "w\n");
        Files.writeString(log("old.log.gz"), "zzz\n");
        TailSourceConfig config =
                new TailSourceConfig(
                        List.of(dir + "/*.log", dir + "/*.gz"),
                        List.of("*.gz"),
                        "app.${file_stem}",
                        new RawParserConfig(),
                        true,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        DataSize.ofBytes(1 << 20),
                        LongLineMode.TRUNCATE,
                        Duration.ofSeconds(5),
                        List.of(),
                        false);
        try (TailHarness h = new TailHarness(dir.resolve("state"), config)) {
            h.scan().drain();
            assertThat(h.tags()).containsExactly("app.api", "app.web");
            assertThat(h.field("message")).containsExactlyInAnyOrder("a", "w");
        }
    }

    @Test
    void withoutReadFromHeadFilesPresentAtStartBeginAtTheirEndButLaterFilesAtTheirHead()
            throws Exception {
        Files.writeString(log("old.log"), "history\n");
        TailSourceConfig config =
                new TailSourceConfig(
                        List.of(dir + "/*.log"),
                        List.of(),
                        "app",
                        new RawParserConfig(),
                        false,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        DataSize.ofBytes(1 << 20),
                        LongLineMode.TRUNCATE,
                        Duration.ofSeconds(5),
                        List.of(),
                        false);
        try (TailHarness h = new TailHarness(dir.resolve("state"), config)) {
            h.scan().drain();
            Files.writeString(log("old.log"), "new in old\n", StandardOpenOption.APPEND);
            Files.writeString(log("later.log"), "first of later\n");
            h.scan().drain();
            assertThat(h.field("message"))
                    .containsExactlyInAnyOrder("new in old", "first of later");
        }
    }

    @Test
    void invalidUtf8IsReplacedAndTheLineKept() throws Exception {
        Path app = log("bin.log");
        Files.write(
                app,
                new byte[] {
                    'o', 'k', (byte) 0xff, (byte) 0xc3, '!', '\n', 'n', 'e', 'x', 't', '\n'
                });
        try (TailHarness h = new TailHarness(dir.resolve("state"), raw(app.toString()))) {
            h.scan().drain();
            assertThat(h.field("message")).containsExactly("ok\uFFFD\uFFFD!", "next");
        }
    }

    @Test
    void aTruncatedLongLineArrivesFlagged() throws Exception {
        Path app = log("long.log");
        Files.writeString(app, "y".repeat(3000) + "\nshort\n");
        TailSourceConfig config =
                new TailSourceConfig(
                        List.of(app.toString()),
                        List.of(),
                        "app",
                        new RawParserConfig(),
                        true,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        DataSize.ofBytes(1000),
                        LongLineMode.TRUNCATE,
                        Duration.ofSeconds(5),
                        List.of(),
                        false);
        try (TailHarness h = new TailHarness(dir.resolve("state"), config)) {
            h.scan().drain();
            assertThat(h.field("message")).containsExactly("y".repeat(1000), "short");
            assertThat(h.field("_truncated")).containsExactly("true", null);
        }
    }

    @Test
    void sourceMaskingRemovesSecretsBeforeTheyLeaveTheHost() throws Exception {
        Path app = log("api.log");
        Files.writeString(app, "{\"parameter\": \"name=hoge&token=abc123\", \"user\": \"u1\"}\n");
        TailSourceConfig config =
                new TailSourceConfig(
                        List.of(app.toString()),
                        List.of(),
                        "app",
                        new dev.hakobu.agent.parse.JsonParserConfig(
                                java.util.Optional.empty(), "iso8601", java.time.ZoneId.of("UTC")),
                        true,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        DataSize.ofBytes(1 << 20),
                        LongLineMode.TRUNCATE,
                        Duration.ofSeconds(5),
                        List.of(
                                new dev.hakobu.mask.MaskRuleConfig(
                                        java.util.Optional.of("parameter"),
                                        List.of("token"),
                                        java.util.Optional.empty(),
                                        dev.hakobu.mask.MaskAction.REDACT,
                                        "***",
                                        4,
                                        java.util.Optional.empty())),
                        false);
        try (TailHarness h = new TailHarness(dir.resolve("state"), config)) {
            h.scan().drain();
            assertThat(h.field("parameter")).containsExactly("name=hoge&token=***");
            assertThat(h.field("user")).containsExactly("u1");
        }
    }
}
