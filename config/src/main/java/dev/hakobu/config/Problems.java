package dev.hakobu.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** The errors found so far in one file; loading goes on after each so the user sees them all at once. */
final class Problems {
    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** {@code mark} is SnakeYAML's, 0-based; errors are 1-based. */
    void at(Mark mark, String path, String message) {
        errors.add(new ConfigError(file, mark.getLine() + 1, mark.getColumn() + 1, path, message));
    }

    void at(Node node, String path, String message) {
        at(node.getStartMark(), path, message);
    }

    void atStart(String message) {
        errors.add(new ConfigError(file, 1, 1, "", message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** By line, then column; errors at the same place keep the order they were found in. */
    List<ConfigError> sorted() {
        return errors.stream()
                .sorted(
                        Comparator.comparingInt(ConfigError::line)
                                .thenComparingInt(ConfigError::column))
                .toList();
    }
}
