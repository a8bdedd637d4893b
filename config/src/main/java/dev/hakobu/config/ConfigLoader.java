package dev.hakobu.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one YAML file into a root record of type {@code T}.
 *
 * <p>Environment substitution happens on scalar values before binding: {@code ${NAME}} (an error if
 * unset), {@code ${NAME:-default}}, and {@code $${} for a literal {@code ${}. Keys are not substituted.
 * A plain scalar that substitutes to nothing counts as absent, so its component takes its default.
 *
 * <p>Thread-safe: a loader holds no state between calls.
 */
public final class ConfigLoader {
    private final TypeRegistry registry;
    private final Map<String, String> env;
    private final boolean checkPaths;
    private final boolean keepUnset;

    public ConfigLoader(TypeRegistry registry, Map<String, String> env) {
        this(registry, env, false, false);
    }

    private ConfigLoader(
            TypeRegistry registry, Map<String, String> env, boolean checkPaths, boolean keepUnset) {
        this.registry = registry;
        this.env = Map.copyOf(env);
        this.checkPaths = checkPaths;
        this.keepUnset = keepUnset;
    }

    /**
     * This loader, also reporting every {@link WritableDirectory} this user could not create or write and every
     * {@link ReadableFile} it could not read, each at its value's line and column ({@code check-config} does:
     * a start would fail on them). A value that fails such a check is still bound, so the errors of the
     * records around it are reported too.
     */
    public ConfigLoader checkingPaths() {
        return new ConfigLoader(registry, env, true, keepUnset);
    }

    /**
     * This loader, leaving a {@code ${NAME}} whose variable is unset and has no default as written
     * (the text {@code ${NAME}}) instead of reporting it: for a command that reads a role's config for
     * some sections only, on a machine without the role's secrets ({@code athena-ddl} needs the outputs'
     * bucket and key, not {@code ${HAKOBU_MASK_KEY}}). The caller must refuse such text where it needs
     * the value.
     */
    public ConfigLoader keepingUnsetVariables() {
        return new ConfigLoader(registry, env, checkPaths, true);
    }

    private EnvSubstitution substitution() {
        return keepUnset ? EnvSubstitution.keepingUnset(env) : EnvSubstitution.using(env);
    }

    /** A loader with the types found on the classpath and the process environment. */
    public static ConfigLoader fromClasspath() {
        return new ConfigLoader(TypeRegistry.fromClasspath(), System.getenv());
    }

    /**
     * Reads {@code file} as UTF-8 and binds it; errors name the file as given. A file that cannot be read is a
     * single error at 1:1, {@code cannot read: <reason>}.
     *
     * @throws ConfigException with every problem in the file
     */
    public <T extends Record> T load(Path file, Class<T> root) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(
                    List.of(
                            new ConfigError(
                                    file.toString(), 1, 1, "", "cannot read: " + reason(e))));
        }
        return load(file.toString(), text, root);
    }

    /** Same as {@link #load(Path, Class)} for text already in memory; {@code fileName} is used in errors. */
    public <T extends Record> T load(String fileName, String yaml, Class<T> root)
            throws ConfigException {
        Problems problems = new Problems(fileName);
        BindContext context = new BindContext(problems, registry, substitution(), checkPaths);
        Optional<Object> value =
                YamlDocument.parse(withoutByteOrderMark(yaml), problems)
                        .flatMap(node -> new ValueBinder(context).bind(root, node, ""));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.sorted());
        }
        return root.cast(
                value.orElseThrow(
                        () -> new IllegalStateException("binding failed without an error")));
    }

    /**
     * Binds one top-level section of {@code file}, such as an agent file's {@code forward:}, to {@code type}, for
     * a command that shares settings with a role without being it ({@code hakobu replay --config agent.yaml}).
     * The rest of the file is not checked; errors carry the whole path ({@code forward.tls.ca}).
     *
     * @throws ConfigException with every problem in the section, or one saying the section is missing
     */
    public <T extends Record> T loadSection(Path file, String key, Class<T> type)
            throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(
                    List.of(
                            new ConfigError(
                                    file.toString(), 1, 1, "", "cannot read: " + reason(e))));
        }
        Problems problems = new Problems(file.toString());
        BindContext context = new BindContext(problems, registry, substitution(), checkPaths);
        Optional<Node> root = YamlDocument.parse(withoutByteOrderMark(text), problems);
        Optional<Object> value = Optional.empty();
        if (root.isPresent() && root.get() instanceof MappingNode mapping) {
            Optional<Node> section = YamlMapping.read(mapping, "", problems).value(key);
            if (section.isPresent()) {
                value = new ValueBinder(context).bind(type, section.get(), key);
            } else if (problems.isEmpty()) {
                problems.atStart(key + ": required; this file has no " + key + " section");
            }
        } else if (problems.isEmpty()) {
            problems.atStart("expected a mapping with a " + key + " section");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.sorted());
        }
        return type.cast(
                value.orElseThrow(
                        () -> new IllegalStateException("binding failed without an error")));
    }

    /**
     * The top-level keys of {@code yaml} that {@code root} has no component for, in file order: how
     * {@code check-config} picks the root record that fits a file best when the role is not given (fewest
     * unknown keys wins). Only the top level is compared. Text that is not a single YAML mapping gives an empty
     * list, as it fits no root better than another; {@link #load} reports what is wrong with it.
     *
     * @param fileName accepted for symmetry with {@link #load(String, String, Class)}; not used in the result
     */
    public <T extends Record> List<String> unknownTopLevelKeys(
            String fileName, String yaml, Class<T> root) {
        Problems ignored = new Problems(fileName);
        Optional<Node> node = YamlDocument.parse(withoutByteOrderMark(yaml), ignored);
        if (node.isEmpty() || !(node.get() instanceof MappingNode mapping)) {
            return List.of();
        }
        return RecordBinder.unknownKeys(root, YamlMapping.read(mapping, "", ignored));
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof MalformedInputException) {
            return "not valid UTF-8; save the file as UTF-8";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
