package dev.hakobu.core.parse;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.ZoneId;
import java.util.Optional;

@Doc("Labeled Tab-separated Values (label:value fields separated by tabs).")
public record LtsvParserConfig(
        @Doc("Field holding the event time; without it, events take their arrival time.") Optional<String> timeKey,
        @Doc("iso8601, epoch, epoch_millis, or a java.time pattern such as dd/MMM/yyyy:HH:mm:ss Z.") @Default("iso8601") String timeFormat,
        @Doc("Zone for times written without an offset.") @Default("UTC") ZoneId timeZone) implements ParserConfig {

    public LtsvParserConfig {
        TimeFormats.check(timeFormat, timeZone);
    }

    @Override
    public LineParser build() {
        return new LtsvLineParser(TimeField.of(timeKey, timeFormat, timeZone));
    }
}
