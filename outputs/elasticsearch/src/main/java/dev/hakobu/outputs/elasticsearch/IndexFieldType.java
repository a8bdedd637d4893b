package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.config.Doc;
import java.util.Optional;

/**
 * A declared field of the index, e.g. {@code size: {type: integer, null_as: -1}}: the same form as the
 * agent's parser {@code types}, so the block can be copied. It decides the field's mapping in the index
 * template, and what a value that does not fit becomes ({@code null_as}, or null).
 */
@Doc("A declared field: its type in the index, and what a value that does not fit becomes.")
public record IndexFieldType(
        @Doc(
                        "integer (long), float (double), boolean, time (date: ISO-8601 or epoch millis) or string (keyword).")
                IndexFieldKind type,
        @Doc(
                        "Value stored instead of one that does not fit the type (the original goes to _raw.<field>); without it, null.")
                Optional<String> nullAs) {

    public IndexFieldType {
        if (type == null) {
            throw new IllegalArgumentException(
                    "type: required, one of integer, float, boolean, time, string");
        }
        if (nullAs.isPresent() && type == IndexFieldKind.TIME) {
            throw new IllegalArgumentException(
                    "null_as: not supported for type time (a time that does not parse becomes null)");
        }
        if (nullAs.isPresent() && !type.fits(nullAs.get())) {
            throw new IllegalArgumentException(
                    "null_as: '" + nullAs.get() + "' is not a valid " + type.label());
        }
    }

    /** A declared field for code and tests: {@code IndexFieldType.of(IndexFieldKind.INTEGER, "-1")}. */
    public static IndexFieldType of(IndexFieldKind type, String nullAs) {
        return new IndexFieldType(type, Optional.ofNullable(nullAs));
    }
}
