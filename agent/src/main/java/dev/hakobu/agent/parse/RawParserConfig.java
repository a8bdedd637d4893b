package dev.hakobu.agent.parse;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.ZoneId;
import java.util.Optional;

@Doc(
        "The whole line in the field 'message'. The event time is the arrival time, unless time_regex or"
                + " time_pointer finds it in the line.")
public record RawParserConfig(
        @Doc(
                        "A regular expression with a named group `(?<time>...)` around the event time, e.g."
                                + " `^\\[(?<time>[^\\]]+)\\]`; its first match in the line counts. A line"
                                + " without a match keeps its arrival time and gets _time_parse_error.")
                Optional<String> timeRegex,
        @Doc(
                        "A JSON pointer to the event time in a JSON line, e.g. /ts; a string read with"
                                + " time_format, or a number of seconds (milliseconds with epoch_millis). A line"
                                + " without it keeps its arrival time and gets _time_parse_error.")
                Optional<String> timePointer,
        @Doc("iso8601, epoch, epoch_millis, or a java.time pattern.") @Default("iso8601")
                String timeFormat,
        @Doc("Zone for times written without an offset.") @Default("UTC") ZoneId timeZone)
        implements ParserConfig {

    public RawParserConfig {
        if (timeRegex.isPresent() && timePointer.isPresent()) {
            throw new IllegalArgumentException(
                    "time_regex and time_pointer: set one of them, not both");
        }
        timeRegex.ifPresent(RegexLineTime::compile);
        timePointer.ifPresent(PointerLineTime::compile);
        TimeFormats.check(timeFormat, timeZone);
    }

    /** Every event at its arrival time. */
    public RawParserConfig() {
        this(Optional.empty(), Optional.empty(), "iso8601", ZoneId.of("UTC"));
    }

    @Override
    public LineParser build() {
        if (timeRegex.isPresent()) {
            return new RawLineParser(
                    new RegexLineTime(
                            RegexLineTime.compile(timeRegex.get()),
                            TimeField.of(Optional.of("time_regex"), timeFormat, timeZone)));
        }
        if (timePointer.isPresent()) {
            return new RawLineParser(
                    new PointerLineTime(
                            PointerLineTime.compile(timePointer.get()),
                            TimeField.of(timePointer, timeFormat, timeZone)));
        }
        return new RawLineParser(null);
    }
}
