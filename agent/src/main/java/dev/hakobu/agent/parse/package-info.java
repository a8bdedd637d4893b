/**
 * Line parsers: one log line in, one msgpack record (a map) plus its event time out.
 *
 * <p>Contract: a parser never throws for bad input and never drops a line. A line that does not parse
 * becomes {@code {"message": <line>, "_parse_error": <reason>}}; invalid UTF-8 is replaced with U+FFFD;
 * a time field that does not parse leaves the event at its arrival time and adds {@code _time_parse_error}.
 * With {@code on_parse_error: raw} a failed line is {@code {"message": <line>}} only.
 *
 * <p>Types: {@code types} converts named fields (integer, float, boolean, time as ISO-8601 in the parser's
 * zone, string). A typed field whose value is one of {@code null_values} (default {@code "-"} and
 * {@code ""}) or a JSON null becomes its {@code null_as}, else null; untyped fields are never touched. A value
 * that does not convert becomes its {@code null_as} (else null), so the record still fits a typed index; the
 * record gets {@code _type_error} (the reasons) and {@code _raw} (each such field's original text).
 *
 * <p>The original line: with {@code keep_original: FIELD} (json, ltsv) the record also holds the line byte for
 * byte in {@code FIELD}, replacing a parsed field of that name, parsed or not; a line that is not valid UTF-8
 * is kept there with U+FFFD and exactly, base64-encoded, in {@code _original_base64}. The {@code raw} parser
 * may take its event time from the line ({@code time_regex} with a group {@code time}, or {@code time_pointer});
 * a line whose time is not found keeps its arrival time and gets {@code _time_parse_error}.
 * Parsers are not thread-safe: one per reading thread, reusing one {@link dev.hakobu.agent.parse.RecordBuilder}.
 */
package dev.hakobu.agent.parse;
