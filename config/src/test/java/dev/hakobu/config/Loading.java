package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test shorthand: load YAML text with a chosen registry and environment, and get at the errors. */
final class Loading {
    static final String FILE = "test.yaml";

    private final ConfigLoader loader;

    private Loading(TypeRegistry registry, Map<String, String> env) {
        this.loader = new ConfigLoader(registry, env);
    }

    static Loading plain() {
        return new Loading(TypeRegistry.of(List.of()), Map.of());
    }

    static Loading with(TypeRegistry registry) {
        return new Loading(registry, Map.of());
    }

    static Loading withEnv(Map<String, String> env) {
        return new Loading(TypeRegistry.of(List.of()), env);
    }

    <T extends Record> T load(String yaml, Class<T> root) throws ConfigException {
        return loader.load(FILE, yaml, root);
    }

    /** The errors loading must fail with, as {@code line:column path: message} strings. */
    <T extends Record> List<String> errors(String yaml, Class<T> root) {
        List<String> errors = new ArrayList<>();
        assertThatThrownBy(() -> loader.load(FILE, yaml, root))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                e.errors()
                                        .forEach(
                                                error ->
                                                        errors.add(
                                                                error.line()
                                                                        + ":"
                                                                        + error.column()
                                                                        + " "
                                                                        + error.path()
                                                                        + ": "
                                                                        + error.message())));
        return errors;
    }
}
