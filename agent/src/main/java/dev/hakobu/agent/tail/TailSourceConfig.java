package dev.hakobu.agent.tail;

import dev.hakobu.agent.parse.ParserConfig;
import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.mask.MaskRuleConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

@Doc("A set of files tailed with one tag (or a tag built from each file's name) and one format.")
public record TailSourceConfig(
        @Doc("Glob patterns of files to tail, e.g. /var/log/app/*.log; several allowed.")
                List<String> paths,
        @Doc(
                        "Glob patterns of files to leave alone, e.g. *.gz (a pattern without '/' matches the file name).")
                List<String> exclude,
        @Doc(
                        "Tag of the events, e.g. app.access; may use ${file_stem} (name without its last extension) or ${file_name}.")
                String tag,
        @Doc("How lines are parsed: type json, ltsv or raw.") ParserConfig format,
        @Doc(
                        "Files present at start are read from their beginning (true) or their end (false); later files always from their beginning.")
                @Default("true")
                boolean readFromHead,
        @Doc("How often files are checked for new data when idle.") @Default("200ms")
                Duration pollInterval,
        @Doc("How often globs are expanded again to find new files.") @Default("5s")
                Duration rescanInterval,
        @Doc(
                        "A rotated or deleted file is read on until it has had no new data for this long, then closed.")
                @Default("5s")
                Duration rotateWait,
        @Doc(
                        "Longest line kept; a longer one is truncated or skipped (long_lines), and reading goes on.")
                @Default("1MiB")
                DataSize maxLineBytes,
        @Doc(
                        "What happens to a line longer than max_line_bytes: truncate (kept, with _truncated: true) or skip.")
                @Default("truncate")
                LongLineMode longLines,
        @Doc("A last line without its newline is sent once the file has not grown for this long.")
                @Default("5s")
                Duration partialLineWait,
        @Doc(
                        "Masking rules applied on this host, so a secret never leaves it (same rules as an aggregator route's mask).")
                List<MaskRuleConfig> mask,
        @Doc(
                        "Publish hakobu_agent_file_lag_bytes{path} for this source's files (one series per file path: opt in for a few files).")
                @Default("false")
                boolean lagMetrics) {

    public TailSourceConfig {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths: at least one glob is required");
        }
        TagTemplate.check(tag);
        positive(pollInterval, "poll_interval");
        positive(rescanInterval, "rescan_interval");
        positive(rotateWait, "rotate_wait");
        positive(partialLineWait, "partial_line_wait");
        if (maxLineBytes.bytes() < 64 || maxLineBytes.bytes() > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("max_line_bytes: must be between 64B and 64MiB");
        }
    }

    /** The files its paths match now, excludes left out, sorted: what a scan finds. */
    public List<Path> filesMatchingNow() {
        return List.copyOf(new Globs(paths, exclude).scan());
    }

    /** Every default but the essentials; for code and tests. */
    public static TailSourceConfig of(List<String> paths, String tag, ParserConfig format) {
        return new TailSourceConfig(
                paths,
                List.of(),
                tag,
                format,
                true,
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                DataSize.ofBytes(1024 * 1024),
                LongLineMode.TRUNCATE,
                Duration.ofSeconds(5),
                List.of(),
                false);
    }

    private static void positive(Duration d, String key) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive, e.g. 5s");
        }
    }
}
