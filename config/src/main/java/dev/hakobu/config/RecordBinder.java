package dev.hakobu.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds a mapping to a record: one key per component, unknown keys rejected, missing keys filled by
 * {@link MissingValues}. The canonical constructor runs only when every component bound; an
 * {@link IllegalArgumentException} from it is a config error, any other exception is a bug and propagates.
 */
final class RecordBinder {
    private final ValueBinder values;
    private final BindContext context;
    private final MissingValues missing;

    RecordBinder(ValueBinder values, BindContext context) {
        this.values = values;
        this.context = context;
        this.missing = new MissingValues(values, context);
    }

    Optional<Object> bind(Class<? extends Record> type, Node node, String path) {
        if (!(node instanceof MappingNode mapping)) {
            context.error(node, path, "expected a mapping, found " + context.describe(node));
            return Optional.empty();
        }
        return bind(type, YamlMapping.read(mapping, path, context.problems()), path, Set.of());
    }

    /** @param reserved keys already consumed by the caller, such as {@code type}; neither bound nor unknown */
    Optional<Object> bind(
            Class<? extends Record> type, YamlMapping mapping, String path, Set<String> reserved) {
        reportUnknownKeys(type, mapping, path, reserved);
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        boolean complete = true;
        for (int i = 0; i < components.length; i++) {
            String key = Names.key(components[i]);
            String childPath = Names.child(path, key);
            Optional<Node> node = mapping.value(key).filter(n -> !context.isNull(n));
            Optional<Object> value =
                    node.isPresent()
                            ? values.bind(components[i].getGenericType(), node.get(), childPath)
                            : missing.valueFor(components[i], mapping.node(), childPath);
            if (value.isPresent()
                    && node.isPresent()
                    && !inRange(components[i], value.get(), node.get(), childPath)) {
                value = Optional.empty();
            }
            if (value.isPresent() && context.checkPaths()) {
                Node at = node.orElse(mapping.node());
                PathChecks.problem(components[i], value.get())
                        .ifPresent(problem -> context.error(at, childPath, problem));
            }
            arguments[i] = value.orElse(null);
            complete &= value.isPresent();
        }
        return complete ? construct(type, components, arguments, mapping, path) : Optional.empty();
    }

    private boolean inRange(RecordComponent component, Object value, Node node, String path) {
        Range range = component.getAnnotation(Range.class);
        if (range == null || !(value instanceof Number number)) {
            return true;
        }
        long v = number.longValue();
        if (v >= range.min() && v <= range.max()) {
            return true;
        }
        String bounds =
                range.max() == Long.MAX_VALUE
                        ? "at least " + range.min()
                        : range.min() == Long.MIN_VALUE
                                ? "at most " + range.max()
                                : "between " + range.min() + " and " + range.max();
        context.error(node, path, "must be " + bounds);
        return false;
    }

    private void reportUnknownKeys(
            Class<? extends Record> type, YamlMapping mapping, String path, Set<String> reserved) {
        List<String> known = new ArrayList<>(reserved);
        known.addAll(Names.keysOf(type));
        mapping.entries()
                .forEach(
                        (key, tuple) -> {
                            if (!known.contains(key)) {
                                String suggestion =
                                        KeySuggestions.closest(key, known)
                                                .map(k -> "; did you mean '" + k + "'?")
                                                .orElse("");
                                String list =
                                        known.isEmpty()
                                                ? " (this section takes no keys)"
                                                : " (known: " + String.join(", ", known) + ")";
                                context.error(
                                        tuple.getKeyNode(),
                                        Names.child(path, key),
                                        "unknown key '" + key + "'" + suggestion + list);
                            }
                        });
    }

    private Optional<Object> construct(
            Class<? extends Record> type,
            RecordComponent[] components,
            Object[] arguments,
            YamlMapping mapping,
            String path) {
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            Constructor<? extends Record> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return Optional.of(constructor.newInstance(arguments));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidValuesException several) {
                several.violations().forEach(v -> reportViolation(v, mapping, path));
                return Optional.empty();
            }
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                reportInvalid(invalid.getMessage(), mapping, path);
                return Optional.empty();
            }
            if (e.getCause() instanceof RuntimeException bug) {
                throw bug;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(
                    "constructing " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot call the canonical constructor of " + type.getName(), e);
        }
    }

    /** A message {@code "key: problem"} about a key present in the file points at that key's value. */
    private void reportInvalid(String message, YamlMapping mapping, String path) {
        String text = message == null ? "invalid value" : message;
        int colon = text.indexOf(": ");
        if (colon > 0) {
            String key = text.substring(0, colon);
            Optional<Node> value = mapping.value(key);
            if (value.isPresent()) {
                context.error(value.get(), Names.child(path, key), text.substring(colon + 2));
                return;
            }
        }
        context.error(mapping.node(), path, text);
    }

    /** At the deepest node of the file that the violation's relative path leads to. */
    private void reportViolation(
            InvalidValuesException.Violation violation, YamlMapping mapping, String path) {
        Node at = YamlPaths.deepest(mapping.node(), violation.path());
        String full =
                violation.path().isEmpty()
                        ? path
                        : violation.path().startsWith("[")
                                ? path + violation.path()
                                : Names.child(path, violation.path());
        context.error(at, full, violation.message());
    }

    /** Used by {@code ConfigLoader.unknownTopLevelKeys}. */
    static List<String> unknownKeys(Class<? extends Record> type, YamlMapping mapping) {
        Set<String> known = Set.copyOf(Names.keysOf(type));
        return mapping.entries().keySet().stream()
                .filter(key -> !known.contains(key))
                .collect(Collectors.toList());
    }
}
