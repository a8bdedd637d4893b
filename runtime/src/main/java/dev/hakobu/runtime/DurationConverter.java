package dev.hakobu.runtime;

import dev.hakobu.config.DurationFormat;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line as in the YAML files: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h},
 * {@code 1h30m}, and ISO-8601 ({@code PT10M}) too. The launcher registers it for every {@code Duration}
 * option of every command.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
