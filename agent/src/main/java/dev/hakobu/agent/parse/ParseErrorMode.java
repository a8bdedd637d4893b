package dev.hakobu.agent.parse;

/** What a line that does not parse becomes ({@code on_parse_error:}). It is never dropped. */
public enum ParseErrorMode {
    /** {@code {"message": <line>, "_parse_error": <reason>}}. */
    KEEP,
    /** {@code {"message": <line>}}, as the raw parser would have made it. */
    RAW
}
