package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.parse.JsonParserConfig;
import dev.hakobu.agent.parse.LtsvParserConfig;
import dev.hakobu.agent.parse.RawParserConfig;
import dev.hakobu.config.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines read, parse errors and long lines, counted per source over real files. */
class SourceCountersTest {
    @TempDir Path dir;

    private TailSourceConfig source(String glob, String tag, LongLineMode longLines) {
        return new TailSourceConfig(
                List.of(dir.resolve(glob).toString()),
                List.of(),
                tag,
                new JsonParserConfig(Optional.empty(), "iso8601", ZoneOffset.UTC),
                true,
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                DataSize.ofBytes(100),
                longLines,
                Duration.ofSeconds(5),
                List.of(),
                false);
    }

    @Test
    void everyLineIsCountedReadAndTheMalformedAndLongOnesApart() throws Exception {
        // 5 good, 3 that do not parse (not JSON, an array, trailing data), 2 over 100 bytes
        Files.writeString(
                dir.resolve("a.json"),
                """
                {"n":1}
                not json
                {"n":2}
                [1,2]
                {"n":3}
                {"n":4} x
                {"n":5}
                {"long":"%s"}
                {"long":"%s"}
                {"n":6}
                """
                        .formatted("x".repeat(200), "y".repeat(300)));
        Files.writeString(dir.resolve("b.txt"), "{\"m\":1}\n" + "z".repeat(150) + "\n{oops\n");
        try (TailHarness h =
                new TailHarness(
                        dir.resolve("state"),
                        source("*.json", "app.a", LongLineMode.TRUNCATE),
                        source("*.txt", "app.b", LongLineMode.SKIP))) {
            h.scan().drain();

            List<SourceCounters> counters = h.reader.sourceCounters();
            assertThat(counters).extracting(SourceCounters::tag).containsExactly("app.a", "app.b");
            SourceCounters a = counters.get(0);
            assertThat(a.linesRead()).isEqualTo(10);
            // the two truncated lines are cut inside their string: they do not parse either
            assertThat(a.parseErrors()).isEqualTo(5);
            assertThat(a.truncatedLines()).isEqualTo(2);
            assertThat(a.skippedLines()).isZero();
            SourceCounters b = counters.get(1);
            assertThat(b.linesRead()).isEqualTo(3);
            assertThat(b.parseErrors()).isEqualTo(1);
            assertThat(b.truncatedLines()).isZero();
            assertThat(b.skippedLines()).isEqualTo(1);
            assertThat(h.field("message")).filteredOn(m -> m != null).hasSize(6); // 5 of a, 1 of b
        }
    }

    @Test
    void aParserThatCannotFailCountsNoParseErrors() throws Exception {
        Files.writeString(dir.resolve("c.log"), "one\n{not json\nthree\n");
        try (TailHarness h =
                new TailHarness(
                        dir.resolve("state"),
                        TailSourceConfig.of(
                                List.of(dir + "/*.log"), "app.raw", new RawParserConfig()),
                        TailSourceConfig.of(
                                List.of(dir + "/*.ltsv"),
                                "app.ltsv",
                                new LtsvParserConfig(
                                        Optional.empty(), "iso8601", ZoneOffset.UTC)))) {
            Files.writeString(dir.resolve("d.ltsv"), "a:1\tb:2\nno label here\n");
            h.scan().drain();

            SourceCounters raw = h.reader.sourceCounters().get(0);
            assertThat(raw.linesRead()).isEqualTo(3);
            assertThat(raw.parseErrors()).isZero();
            SourceCounters ltsv = h.reader.sourceCounters().get(1);
            assertThat(ltsv.linesRead()).isEqualTo(2);
            assertThat(ltsv.parseErrors()).isEqualTo(1);
        }
    }
}
