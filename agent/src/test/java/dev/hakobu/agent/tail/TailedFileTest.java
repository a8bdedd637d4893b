package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.config.DataSize;
import dev.hakobu.core.parse.RawParserConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailedFileTest {
    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();
    private final LineSink sink = (f, buf, off, len, end) -> {
        lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
        ends.add(end);
    };

    private TailedFile open(Path p, long offset) throws Exception {
        TailSourceConfig config = new TailSourceConfig(List.of(p.toString()), "t", new RawParserConfig(), true,
                Duration.ofMillis(100), Duration.ofSeconds(1));
        return new TailedFile(p, TailedFile.keyOf(p), new TailSource(config, new BatchConfig(DataSize.ofBytes(4096), Duration.ofSeconds(1))), offset);
    }

    @Test
    void aLineWithoutItsNewlineWaitsForIt() throws Exception {
        Path p = dir.resolve("a.log");
        Files.writeString(p, "one\ntw");
        TailedFile f = open(p, 0);
        f.read(sink);
        assertThat(lines).containsExactly("one");
        assertThat(f.offset()).isEqualTo(4);

        Files.writeString(p, "o\r\nthree\n\n", StandardOpenOption.APPEND);
        f.read(sink);
        assertThat(lines).containsExactly("one", "two", "three");
        assertThat(ends).containsExactly(4L, 9L, 15L);
        assertThat(f.offset()).isEqualTo(16); // the blank line is skipped but consumed
        f.close();
    }

    @Test
    void readingResumesAtACommittedOffset() throws Exception {
        Path p = dir.resolve("b.log");
        Files.writeString(p, "one\ntwo\nthree\n");
        TailedFile f = open(p, 4);
        f.read(sink);
        assertThat(lines).containsExactly("two", "three");
        f.close();
    }

    @Test
    void aTruncatedFileIsReadAgainFromItsStart() throws Exception {
        Path p = dir.resolve("c.log");
        Files.writeString(p, "old line one\nold line two\n");
        TailedFile f = open(p, 0);
        f.read(sink);
        Files.writeString(p, "new\n", StandardOpenOption.TRUNCATE_EXISTING);
        f.read(sink);
        assertThat(lines).containsExactly("old line one", "old line two", "new");
        f.close();
    }

    @Test
    void aLineLongerThanTheReadBufferIsDeliveredWhole() throws Exception {
        Path p = dir.resolve("d.log");
        String longLine = "x".repeat(1_000_000);
        Files.writeString(p, longLine + "\nshort\n");
        TailedFile f = open(p, 0);
        while (f.read(sink) > 0) {
            // keep reading until the end
        }
        assertThat(lines).containsExactly(longLine, "short");
        f.close();
    }
}
