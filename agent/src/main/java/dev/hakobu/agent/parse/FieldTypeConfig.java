package dev.hakobu.agent.parse;

import dev.hakobu.config.Doc;
import java.util.Optional;

/**
 * How one field is converted, e.g. {@code size: {type: integer, null_as: -1}}. A value listed in the
 * parser's {@code null_values} (or a JSON null) becomes {@code null_as}, or null without it.
 */
@Doc("Conversion of one field: its type, and what a null value becomes.")
public record FieldTypeConfig(
        @Doc("integer, float, boolean, time or string.") FieldKind type,
        @Doc(
                        "Value written instead of a null (one of null_values, or JSON null) and of a value that does not convert (its original then goes to _raw.<field>); without it, null.")
                Optional<String> nullAs,
        @Doc(
                        "For type time: iso8601, epoch, epoch_millis or a java.time pattern; default the parser's time_format.")
                Optional<String> format) {

    public FieldTypeConfig {
        if (type == null) {
            throw new IllegalArgumentException(
                    "type: required, one of integer, float, boolean, time, string");
        }
        if (format.isPresent() && type != FieldKind.TIME) {
            throw new IllegalArgumentException("format: only for type time");
        }
        if (nullAs.isPresent() && type != FieldKind.TIME && type != FieldKind.STRING) {
            String text = nullAs.get();
            if (Conversion.check(type, text) != null) {
                throw new IllegalArgumentException(
                        "null_as: '"
                                + text
                                + "' is not a valid "
                                + type.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (nullAs.isPresent() && type == FieldKind.TIME) {
            throw new IllegalArgumentException(
                    "null_as: not supported for type time (a null time stays null)");
        }
    }

    /** A config for code and tests: {@code FieldTypeConfig.of(FieldKind.INTEGER, "-1")}. */
    public static FieldTypeConfig of(FieldKind type, String nullAs) {
        return new FieldTypeConfig(type, Optional.ofNullable(nullAs), Optional.empty());
    }
}
