package dev.hakobu.agent.parse;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Doc("One JSON object per line.")
public record JsonParserConfig(
        @Doc("Field holding the event time; without it, events take their arrival time.")
                Optional<String> timeKey,
        @Doc("iso8601, epoch, epoch_millis, or a java.time pattern.") @Default("iso8601")
                String timeFormat,
        @Doc("Zone for times written without an offset.") @Default("UTC") ZoneId timeZone,
        @Doc(
                        "Per-field conversion, e.g. size: {type: integer, null_as: -1}; other fields keep their values.")
                Map<String, FieldTypeConfig> types,
        @Doc("Values of typed fields that mean null (they become the field's null_as, or null).")
                @Default("[\"-\", \"\"]")
                List<String> nullValues,
        @Doc("A line that does not parse: keep ({message, _parse_error}) or raw ({message}).")
                @Default("keep")
                ParseErrorMode onParseError,
        @Doc(
                        "Also keep the line itself, byte for byte, in this field (e.g. message), next to the"
                                + " parsed fields and the event time; a parsed field of that name is replaced."
                                + " A line that is not valid UTF-8 is kept with U+FFFD in this field and exactly,"
                                + " base64-encoded, in _original_base64.")
                Optional<String> keepOriginal)
        implements ParserConfig {

    public JsonParserConfig {
        TimeFormats.check(timeFormat, timeZone, types);
        KeepOriginal.check(keepOriginal);
    }

    /** Without {@code keep_original}. */
    public JsonParserConfig(
            Optional<String> timeKey,
            String timeFormat,
            ZoneId timeZone,
            Map<String, FieldTypeConfig> types,
            List<String> nullValues,
            ParseErrorMode onParseError) {
        this(timeKey, timeFormat, timeZone, types, nullValues, onParseError, Optional.empty());
    }

    /** Untyped, errors kept: the shape most tests and benchmarks want. */
    public JsonParserConfig(Optional<String> timeKey, String timeFormat, ZoneId timeZone) {
        this(timeKey, timeFormat, timeZone, Map.of(), List.of("-", ""), ParseErrorMode.KEEP);
    }

    @Override
    public LineParser build() {
        return KeepOriginal.wrap(
                new JsonLineParser(
                        TimeField.of(timeKey, timeFormat, timeZone),
                        new FieldTypes(types, nullValues, timeFormat, timeZone),
                        onParseError),
                keepOriginal);
    }
}
