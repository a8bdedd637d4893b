package dev.hakobu.config;

import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What a component becomes when its key is absent or null: its {@link Default}; else an empty
 * {@code Optional}, {@code List} or {@code Map}; else, for a record whose components can all be defaulted,
 * that record bound from an empty mapping; else the error "required" at the enclosing mapping.
 *
 * <p>A default is a literal, not substituted from the environment. A default that does not fit its component
 * is a bug in the record and throws {@link IllegalStateException}.
 */
final class MissingValues {
    private final ValueBinder values;
    private final BindContext context;

    MissingValues(ValueBinder values, BindContext context) {
        this.values = values;
        this.context = context;
    }

    Optional<Object> valueFor(RecordComponent component, MappingNode parent, String path) {
        Type type = component.getGenericType();
        Default declared = component.getAnnotation(Default.class);
        if (declared != null) {
            return Optional.of(fromDefault(component, declared.value(), parent, path));
        }
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            return Optional.of(Optional.empty());
        }
        if (raw == List.class) {
            return Optional.of(List.of());
        }
        if (raw == Map.class) {
            return Optional.of(Map.of());
        }
        if (isSection(raw) && canDefault(raw.asSubclass(Record.class), new HashSet<>())) {
            return values.bind(type, YamlDocument.emptyMapping(parent.getStartMark()), path);
        }
        context.error(parent, path, "required");
        return Optional.empty();
    }

    private Object fromDefault(
            RecordComponent component, String text, MappingNode parent, String path) {
        Problems problems = new Problems("@Default");
        BindContext literal =
                new BindContext(problems, context.registry(), EnvSubstitution.disabled(), false);
        Optional<Object> value =
                new ValueBinder(literal)
                        .bind(
                                component.getGenericType(),
                                defaultNode(component, text, parent),
                                path);
        if (value.isEmpty() || !problems.isEmpty()) {
            throw new IllegalStateException(
                    "@Default(\""
                            + text
                            + "\") on "
                            + component.getDeclaringRecord().getName()
                            + "."
                            + component.getName()
                            + " does not fit its type: "
                            + problems.sorted());
        }
        return value.get();
    }

    /** Scalar types take the text as it is; containers and records read it as flow YAML ({@code []}, {@code {}}). */
    private static Node defaultNode(RecordComponent component, String text, MappingNode parent) {
        Type type = component.getGenericType();
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            raw = raw(((ParameterizedType) type).getActualTypeArguments()[0]);
        }
        boolean structured =
                raw == List.class
                        || raw == Map.class
                        || isSection(raw)
                        || (raw.isInterface() && ScalarConverters.forType(raw).isEmpty());
        if (structured) {
            try {
                Node node = new Yaml().compose(new StringReader(text));
                return node != null
                        ? node
                        : new ScalarNode(
                                Tag.NULL,
                                "",
                                parent.getStartMark(),
                                parent.getStartMark(),
                                DumperOptions.ScalarStyle.PLAIN);
            } catch (YAMLException e) {
                throw new IllegalStateException(
                        "@Default(\"" + text + "\") on " + component + " is not YAML", e);
            }
        }
        return new ScalarNode(
                Tag.STR,
                text,
                parent.getStartMark(),
                parent.getStartMark(),
                DumperOptions.ScalarStyle.DOUBLE_QUOTED);
    }

    /** True when every component has a default, directly or through its own components. */
    static boolean canDefault(Class<? extends Record> type, Set<Class<?>> visiting) {
        if (!visiting.add(type)) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> raw = raw(component.getGenericType());
            boolean defaulted =
                    component.isAnnotationPresent(Default.class)
                            || raw == Optional.class
                            || raw == List.class
                            || raw == Map.class
                            || isSection(raw) && canDefault(raw.asSubclass(Record.class), visiting);
            if (!defaulted) {
                return false;
            }
        }
        visiting.remove(type);
        return true;
    }

    /** A record bound from a mapping, unlike {@link DataSize}, which is a record written as a scalar. */
    private static boolean isSection(Class<?> type) {
        return type.isRecord() && ScalarConverters.forType(type).isEmpty();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof Class<?> plain) {
            return plain;
        }
        throw new IllegalStateException("config records cannot use " + type.getTypeName());
    }
}
