package dev.hakobu.config;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Binds a mapping where an interface (a family of {@link TypeBinding}s) is expected: its {@code type:} value
 * picks the record, and the other keys bind to that record.
 */
final class PolymorphicBinder {
    private static final String TYPE_KEY = "type";

    private final RecordBinder records;
    private final BindContext context;

    PolymorphicBinder(RecordBinder records, BindContext context) {
        this.records = records;
        this.context = context;
    }

    Optional<Object> bind(Class<?> family, Node node, String path) {
        if (!(node instanceof MappingNode mappingNode)) {
            context.error(
                    node,
                    path,
                    "expected a mapping with a 'type' key, found " + context.describe(node));
            return Optional.empty();
        }
        YamlMapping mapping = YamlMapping.read(mappingNode, path, context.problems());
        String typePath = Names.child(path, TYPE_KEY);
        Optional<Node> typeNode =
                mapping.value(TYPE_KEY).filter(n -> !context.isNull(n) || spelledNull(n));
        if (typeNode.isEmpty()) {
            context.error(mappingNode, typePath, "required; " + knownTypes(family));
            return Optional.empty();
        }
        if (!(typeNode.get() instanceof ScalarNode scalar)) {
            context.error(
                    typeNode.get(),
                    typePath,
                    "expected a type name, found " + context.describe(typeNode.get()));
            return Optional.empty();
        }
        Optional<String> name = context.text(scalar, typePath);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<TypeBinding> binding = context.registry().find(family, name.get());
        if (binding.isEmpty()) {
            context.error(
                    scalar, typePath, "unknown type '" + name.get() + "'; " + knownTypes(family));
            return Optional.empty();
        }
        return records.bind(binding.get().config(), mapping, path, Set.of(TYPE_KEY));
    }

    /**
     * {@code type: null} is a YAML null, but a user who writes the word means the type of that name (the
     * null output, as in Fluentd's {@code @type null}), so the plain word is kept as a name.
     */
    private static boolean spelledNull(Node node) {
        return node instanceof ScalarNode scalar
                && scalar.isPlain()
                && scalar.getValue().equals("null");
    }

    private String knownTypes(Class<?> family) {
        String names =
                context.registry().bindingsOf(family).stream()
                        .map(TypeBinding::name)
                        .collect(Collectors.joining(", "));
        return names.isEmpty()
                ? "no " + family.getSimpleName() + " types are available in this program"
                : "known types: " + names;
    }
}
