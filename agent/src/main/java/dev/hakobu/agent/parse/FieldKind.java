package dev.hakobu.agent.parse;

/** What a typed field's value becomes; {@code type:} of an entry in a parser's {@code types}. */
public enum FieldKind {
    /** A 64-bit signed integer. */
    INTEGER,
    /** A 64-bit float. */
    FLOAT,
    /** {@code true}/{@code false} (any case), {@code 1}/{@code 0}. */
    BOOLEAN,
    /** A time read with a format and written as ISO-8601 with the offset of the parser's zone. */
    TIME,
    /** Kept as a string; useful to give a field a {@code null_as}. */
    STRING
}
