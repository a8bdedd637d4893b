/**
 * Line parsers: one log line in, one msgpack record (a map) plus its event time out.
 *
 * <p>Contract: a parser never throws for bad input and never drops a line. A line that does not parse
 * becomes {@code {"message": <line>, "_parse_error": <reason>}}; invalid UTF-8 is replaced with U+FFFD;
 * a time field that does not parse leaves the event at its arrival time and adds {@code _time_parse_error}.
 * Parsers are not thread-safe: one per reading thread, reusing one {@link dev.hakobu.core.parse.RecordBuilder}.
 */
package dev.hakobu.core.parse;
