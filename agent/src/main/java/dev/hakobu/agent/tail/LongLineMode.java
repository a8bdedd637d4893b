package dev.hakobu.agent.tail;

/** What happens to a line longer than {@code max_line_bytes}; either way the file keeps being tailed. */
public enum LongLineMode {
    /** The first {@code max_line_bytes} are parsed and the record gets {@code _truncated: true}. */
    TRUNCATE,
    /** The line is dropped and counted. */
    SKIP
}
