package dev.hakobu.agent.tail;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.core.parse.ParserConfig;
import java.time.Duration;
import java.util.List;

@Doc("A set of files tailed with one tag and one format.")
public record TailSourceConfig(
        @Doc("Glob patterns of files to tail, e.g. /var/log/app/*.log.") List<String> paths,
        @Doc("Tag of the events, e.g. app.access.") String tag,
        @Doc("How lines are parsed: type json, ltsv or raw.") ParserConfig format,
        @Doc("Files present at start are read from their beginning (true) or their end (false).") @Default("true") boolean readFromHead,
        @Doc("How often files are checked for new data when idle.") @Default("200ms") Duration pollInterval,
        @Doc("How often globs are expanded again to find new files.") @Default("5s") Duration rescanInterval) {

    public TailSourceConfig {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths: at least one glob is required");
        }
        if (tag.isBlank() || tag.startsWith(".") || tag.endsWith(".")) {
            throw new IllegalArgumentException("tag: must be dot-separated words, e.g. app.access");
        }
    }
}
