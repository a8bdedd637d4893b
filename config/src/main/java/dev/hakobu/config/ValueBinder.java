package dev.hakobu.config;

import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Binds a node to any supported Java type by handing it to the binder for that kind of type.
 *
 * <p>Every {@code bind} method here and in the binders it uses returns the value, or empty after reporting at
 * least one error to the {@link BindContext}; it never throws for a mistake in the file. A type the binder
 * cannot handle at all is a mistake in the code and throws {@link IllegalStateException}.
 */
final class ValueBinder {
    private final BindContext context;
    private final RecordBinder records;
    private final ContainerBinder containers;
    private final PolymorphicBinder polymorphic;

    ValueBinder(BindContext context) {
        this.context = context;
        this.records = new RecordBinder(this, context);
        this.containers = new ContainerBinder(this, context);
        this.polymorphic = new PolymorphicBinder(records, context);
    }

    Optional<Object> bind(Type type, Node node, String path) {
        if (type instanceof ParameterizedType parameterized) {
            return bindGeneric(parameterized, node, path);
        }
        if (!(type instanceof Class<?> target)) {
            throw unsupported(type);
        }
        Optional<ScalarConverters.Converter> converter = ScalarConverters.forType(target);
        if (converter.isPresent()) {
            return scalar(converter.get(), node, path);
        }
        if (target.isRecord()) {
            return records.bind(target.asSubclass(Record.class), node, path);
        }
        if (target.isInterface() || Modifier.isAbstract(target.getModifiers())) {
            return polymorphic.bind(target, node, path);
        }
        throw unsupported(type);
    }

    private Optional<Object> bindGeneric(ParameterizedType type, Node node, String path) {
        Type raw = type.getRawType();
        Type[] arguments = type.getActualTypeArguments();
        if (raw == Optional.class) {
            return context.isNull(node)
                    ? Optional.of(Optional.empty())
                    : bind(arguments[0], node, path).map(Optional::of);
        }
        if (raw == List.class) {
            return containers.list(arguments[0], node, path);
        }
        if (raw == Map.class && arguments[0] == String.class) {
            return containers.map(arguments[1], node, path);
        }
        throw unsupported(type);
    }

    private Optional<Object> scalar(ScalarConverters.Converter converter, Node node, String path) {
        if (!(node instanceof ScalarNode scalar) || context.isNull(node)) {
            context.error(
                    node,
                    path,
                    "expected " + converter.expected() + ", found " + context.describe(node));
            return Optional.empty();
        }
        return context.text(scalar, path)
                .flatMap(
                        text -> {
                            try {
                                return Optional.of(converter.parse().apply(text));
                            } catch (IllegalArgumentException e) {
                                context.error(node, path, e.getMessage());
                                return Optional.empty();
                            }
                        });
    }

    private static IllegalStateException unsupported(Type type) {
        return new IllegalStateException(
                "config records cannot use "
                        + type.getTypeName()
                        + "; use a scalar type,"
                        + " a record, a registered interface, or List, Map<String, ...> or Optional of those");
    }
}
