package dev.hakobu.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping read as text keys in file order. A repeated key is an error at its second occurrence (the
 * first one wins), and so is a key that is not a scalar; neither appears in {@link #entries()}.
 */
record YamlMapping(MappingNode node, Map<String, NodeTuple> entries) {

    static YamlMapping read(MappingNode node, String path, Problems problems) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.at(
                        tuple.getKeyNode(),
                        path,
                        "a key must be plain text, found a " + tuple.getKeyNode().getNodeId());
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
            if (first != null) {
                problems.at(
                        key,
                        Names.child(path, key.getValue()),
                        "duplicate key '"
                                + key.getValue()
                                + "'; it is already set at line "
                                + (first.getKeyNode().getStartMark().getLine() + 1)
                                + ", remove one of them");
            }
        }
        return new YamlMapping(node, Collections.unmodifiableMap(entries));
    }

    Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }
}
