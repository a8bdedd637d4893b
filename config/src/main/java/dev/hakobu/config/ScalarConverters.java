package dev.hakobu.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** The Java types a YAML scalar can become, each with what it expects in words for error messages. */
final class ScalarConverters {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    /**
     * Turns a scalar's text into a value.
     *
     * @param expected what the value should be, for "expected ..., found a mapping"
     * @param parse    throws {@link IllegalArgumentException} with a complete message for the user
     */
    record Converter(String expected, Function<String, Object> parse) {}

    private static final Map<Class<?>, Converter> FIXED =
            Map.ofEntries(
                    Map.entry(String.class, new Converter("a string", text -> text)),
                    Map.entry(int.class, new Converter("an integer", ScalarConverters::parseInt)),
                    Map.entry(
                            Integer.class, new Converter("an integer", ScalarConverters::parseInt)),
                    Map.entry(long.class, new Converter("an integer", ScalarConverters::parseLong)),
                    Map.entry(Long.class, new Converter("an integer", ScalarConverters::parseLong)),
                    Map.entry(
                            double.class, new Converter("a number", ScalarConverters::parseDouble)),
                    Map.entry(
                            Double.class, new Converter("a number", ScalarConverters::parseDouble)),
                    Map.entry(
                            boolean.class,
                            new Converter("true or false", ScalarConverters::parseBoolean)),
                    Map.entry(
                            Boolean.class,
                            new Converter("true or false", ScalarConverters::parseBoolean)),
                    Map.entry(Duration.class, new Converter("a duration", DurationFormat::parse)),
                    Map.entry(DataSize.class, new Converter("a size", DataSize::parse)),
                    Map.entry(
                            ZoneId.class,
                            new Converter("a time zone", ScalarConverters::parseZone)),
                    Map.entry(Path.class, new Converter("a path", ScalarConverters::parsePath)),
                    Map.entry(
                            Pattern.class,
                            new Converter("a regular expression", ScalarConverters::parsePattern)));

    private ScalarConverters() {}

    /** The converter for {@code type}, or empty when a scalar cannot become one. */
    static Optional<Converter> forType(Class<?> type) {
        if (type.isEnum()) {
            return Optional.of(forEnum(type.asSubclass(Enum.class)));
        }
        return Optional.ofNullable(FIXED.get(type));
    }

    private static Object parseInt(String text) {
        long value = (Long) parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "expected an integer between "
                            + Integer.MIN_VALUE
                            + " and "
                            + Integer.MAX_VALUE
                            + ", found '"
                            + text
                            + "'");
        }
        return (int) value;
    }

    private static Object parseLong(String text) {
        if (!INTEGER.matcher(text.strip()).matches()) {
            throw new IllegalArgumentException("expected an integer, found '" + text + "'");
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("integer '" + text + "' is too large");
        }
    }

    private static Object parseDouble(String text) {
        if (!DECIMAL.matcher(text.strip()).matches()) {
            throw new IllegalArgumentException("expected a number, found '" + text + "'");
        }
        return Double.parseDouble(text.strip());
    }

    private static Object parseBoolean(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        throw new IllegalArgumentException("expected true or false, found '" + text + "'");
    }

    private static Object parseZone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "unknown time zone '"
                            + text
                            + "'; write a region such as Asia/Tokyo,"
                            + " UTC, or an offset such as +09:00");
        }
    }

    private static Object parsePath(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("expected a path, found an empty value");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid path '" + text + "': " + e.getReason());
        }
    }

    private static Object parsePattern(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "invalid regular expression '"
                            + text
                            + "': "
                            + e.getDescription()
                            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    /** Constants are written lower case, with '_' or '-' between words ({@code DROP_OLDEST} -> {@code drop_oldest}). */
    private static <E extends Enum<E>> Converter forEnum(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String allowed =
                Arrays.stream(constants)
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
        return new Converter(
                "one of: " + allowed,
                text -> {
                    String name = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
                    for (E constant : constants) {
                        if (constant.name().equals(name)) {
                            return constant;
                        }
                    }
                    throw new IllegalArgumentException(
                            "expected one of: " + allowed + "; found '" + text + "'");
                });
    }
}
