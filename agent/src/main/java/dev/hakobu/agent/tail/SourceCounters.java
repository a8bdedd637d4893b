package dev.hakobu.agent.tail;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one source read, counted by the reader thread and read by any thread (the metrics). Every line
 * read counts once in {@link #linesRead}, a line longer than {@code max_line_bytes} included whether it
 * was truncated or skipped.
 */
public final class SourceCounters {
    private final String tag;
    private final LongAdder lines = new LongAdder();
    private final LongAdder parseErrors = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    SourceCounters(String tag) {
        this.tag = tag;
    }

    /** The source's {@code tag:} as configured (a template stays a template), so the count of sources bounds it. */
    public String tag() {
        return tag;
    }

    /** Lines read from the source's files. */
    public long linesRead() {
        return lines.sum();
    }

    /** Lines the parser could not parse (kept whole in {@code message}). */
    public long parseErrors() {
        return parseErrors.sum();
    }

    /** Lines longer than {@code max_line_bytes} sent with their first bytes ({@code long_lines: truncate}). */
    public long truncatedLines() {
        return truncated.sum();
    }

    /** Lines longer than {@code max_line_bytes} dropped ({@code long_lines: skip}). */
    public long skippedLines() {
        return skipped.sum();
    }

    void parsed(boolean failed) {
        lines.increment();
        if (failed) {
            parseErrors.increment();
        }
    }

    /** A line too long: truncated lines are then parsed (and counted read there), skipped ones are counted read here. */
    void tooLong(boolean skip) {
        if (skip) {
            skipped.increment();
            lines.increment();
        } else {
            truncated.increment();
        }
    }
}
