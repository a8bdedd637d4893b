package dev.hakobu.encoding;

/**
 * How the event time is written into a stored record.
 *
 * <ul>
 *   <li>{@code ISO8601}: a string such as {@code 2020-08-14T11:22:34.123456789+09:00}, local time in the
 *       output's zone with that zone's offset at the instant ({@code Z} for UTC); the fraction has 3, 6 or 9
 *       digits, as few as carry every non-zero digit, and is left out for a whole second.</li>
 *   <li>{@code EPOCH_SECONDS}: an integer, whole seconds since 1970-01-01T00:00:00Z (rounded down).</li>
 *   <li>{@code EPOCH_MILLIS}: an integer, milliseconds since then (rounded down).</li>
 * </ul>
 */
public enum EventTimeFormat {
    ISO8601,
    EPOCH_SECONDS,
    EPOCH_MILLIS
}
