package dev.hakobu.config;

/**
 * One problem in a config file. Line and column are 1-based; {@code path} is the YAML path
 * ({@code outputs.local.root}, {@code routes[0].match}), empty for the document root.
 */
public record ConfigError(String file, int line, int column, String path, String message) {

    /** {@code aggregator.yaml:12:5: outputs.local.root: required}: what a user reads and an editor can jump to. */
    @Override
    public String toString() {
        return file
                + ":"
                + line
                + ":"
                + column
                + ": "
                + (path.isEmpty() ? "" : path + ": ")
                + message;
    }
}
