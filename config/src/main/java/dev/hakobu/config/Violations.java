package dev.hakobu.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the mistakes a record's constructor finds so that all of them are reported in one run, not
 * the first one per run: {@code add} each, then {@link #throwIfAny()}.
 */
public final class Violations {
    private final List<InvalidValuesException.Violation> found = new ArrayList<>();

    /** @param path relative to the record being constructed, e.g. {@code routes[2].outputs[0]} */
    public Violations add(String path, String message) {
        found.add(new InvalidValuesException.Violation(path, message));
        return this;
    }

    /** @throws InvalidValuesException with every mistake added, if there is one */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidValuesException(found);
        }
    }
}
