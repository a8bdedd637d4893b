package dev.hakobu.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads one YAML file into a root record of type {@code T}.
 *
 * <p>Environment substitution happens on scalar values before binding: {@code ${NAME}} (an error if
 * unset), {@code ${NAME:-default}}, and {@code $${} for a literal {@code ${}. Keys are not substituted.
 */
public final class ConfigLoader {
    private final TypeRegistry registry;
    private final Map<String, String> env;

    public ConfigLoader(TypeRegistry registry, Map<String, String> env) {
        this.registry = registry;
        this.env = Map.copyOf(env);
    }

    /** A loader with the types found on the classpath and the process environment. */
    public static ConfigLoader fromClasspath() {
        return new ConfigLoader(TypeRegistry.fromClasspath(), System.getenv());
    }

    public <T extends Record> T load(Path file, Class<T> root) throws ConfigException {
        throw new UnsupportedOperationException("TODO: implement");
    }

    /** Same as {@link #load(Path, Class)} for text already in memory; {@code fileName} is used in errors. */
    public <T extends Record> T load(String fileName, String yaml, Class<T> root) throws ConfigException {
        throw new UnsupportedOperationException("TODO: implement");
    }
}
