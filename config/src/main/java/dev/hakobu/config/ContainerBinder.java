package dev.hakobu.config;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Lists from sequences and {@code Map<String, T>} from mappings. Every item is bound even after one fails, so
 * mistakes in several items are all reported. Results are unmodifiable; maps keep the file's key order.
 */
final class ContainerBinder {
    private final ValueBinder values;
    private final BindContext context;

    ContainerBinder(ValueBinder values, BindContext context) {
        this.values = values;
        this.context = context;
    }

    /** A single scalar counts as a one-element list: operators write {@code paths: /var/log/app.log}. */
    Optional<Object> list(Type itemType, Node node, String path) {
        if (node instanceof ScalarNode && !context.isNull(node)) {
            return values.bind(itemType, node, path).map(List::of);
        }
        if (!(node instanceof SequenceNode sequence)) {
            context.error(node, path, "expected a list, found " + context.describe(node));
            return Optional.empty();
        }
        List<Object> items = new ArrayList<>();
        boolean complete = true;
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Optional<Object> item = values.bind(itemType, nodes.get(i), Names.index(path, i));
            item.ifPresent(items::add);
            complete &= item.isPresent();
        }
        return complete ? Optional.of(List.copyOf(items)) : Optional.empty();
    }

    Optional<Object> map(Type valueType, Node node, String path) {
        if (!(node instanceof MappingNode mappingNode)) {
            context.error(node, path, "expected a mapping, found " + context.describe(node));
            return Optional.empty();
        }
        YamlMapping mapping = YamlMapping.read(mappingNode, path, context.problems());
        Map<String, Object> result = new LinkedHashMap<>();
        boolean complete = true;
        for (Map.Entry<String, NodeTuple> entry : mapping.entries().entrySet()) {
            String key = entry.getKey();
            Optional<Object> value =
                    values.bind(valueType, entry.getValue().getValueNode(), Names.child(path, key));
            value.ifPresent(v -> result.put(key, v));
            complete &= value.isPresent();
        }
        return complete ? Optional.of(Collections.unmodifiableMap(result)) : Optional.empty();
    }
}
