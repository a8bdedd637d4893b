package dev.hakobu.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Follows a path such as {@code routes[2].outputs[0]} through YAML nodes. */
final class YamlPaths {
    private static final Pattern STEP = Pattern.compile("\\[(\\d+)]|([^.\\[]+)");

    private YamlPaths() {}

    /** The node {@code path} names below {@code start}, or the deepest one on the way that exists. */
    static Node deepest(Node start, String path) {
        Node at = start;
        Matcher step = STEP.matcher(path);
        while (step.find()) {
            Node next =
                    step.group(1) != null
                            ? item(at, Integer.parseInt(step.group(1)))
                            : value(at, step.group(2));
            if (next == null) {
                return at;
            }
            at = next;
        }
        return at;
    }

    private static Node item(Node node, int index) {
        return node instanceof SequenceNode sequence && index < sequence.getValue().size()
                ? sequence.getValue().get(index)
                : null;
    }

    private static Node value(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar
                        && scalar.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }
}
