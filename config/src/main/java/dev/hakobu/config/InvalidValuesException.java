package dev.hakobu.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by a record's constructor that found several mistakes at once (cross-references such as route
 * outputs that name no output): each is reported as its own config error, at the line and column of the value
 * its path leads to. Build it with {@link Violations}.
 */
public final class InvalidValuesException extends IllegalArgumentException {
    /**
     * One mistake.
     *
     * @param path relative to the record whose constructor found it, in YAML keys and indexes: {@code
     *     routes[2].outputs[0]}; empty for the record itself
     */
    public record Violation(String path, String message) {}

    private final List<Violation> violations;

    InvalidValuesException(List<Violation> violations) {
        super(
                violations.stream()
                        .map(v -> v.path().isEmpty() ? v.message() : v.path() + ": " + v.message())
                        .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
