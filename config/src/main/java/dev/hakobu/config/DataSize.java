package dev.hakobu.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte count written as {@code 512}, {@code 64KiB}, {@code 8MiB}, {@code 1GiB} (also {@code KB/MB/GB},
 * read as powers of 1024 like most log shippers do, and lower case).
 */
public record DataSize(long bytes) {
    private static final Pattern FORMAT =
            Pattern.compile("(\\d+)\\s*([a-z]*)", Pattern.CASE_INSENSITIVE);
    private static final String EXAMPLES =
            "write a number of bytes with an optional unit, such as 512, 64KiB, 8MiB or 1GiB";

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    /**
     * Reads a size: digits, optional spaces, then an optional unit, any case: none or {@code B} for bytes;
     * {@code K}, {@code KB}, {@code KiB} for 1024 bytes; likewise {@code M}, {@code G} and {@code T}.
     * Fractions are not accepted ({@code 1536KiB}, not {@code 1.5MiB}).
     *
     * @throws IllegalArgumentException with a message fit for a config error
     */
    public static DataSize parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("-")) {
            throw new IllegalArgumentException(
                    "a size cannot be negative, found '" + trimmed + "'");
        }
        Matcher matcher = FORMAT.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a size; " + EXAMPLES);
        }
        long unit = unit(matcher.group(2), trimmed);
        try {
            return new DataSize(Math.multiplyExact(Long.parseLong(matcher.group(1)), unit));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size '" + trimmed + "' is too large");
        }
    }

    private static long unit(String unit, String text) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default ->
                    throw new IllegalArgumentException(
                            "unknown unit '"
                                    + unit
                                    + "' in '"
                                    + text
                                    + "'; use B, KiB, MiB, GiB or TiB");
        };
    }

    public int intBytes() {
        return Math.toIntExact(bytes);
    }
}
