package dev.hakobu.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Composes the text of a config file into one SnakeYAML node tree, keeping every node's position. Not
 * constructed into Java objects: the binder works on nodes so each error can point at its line and column.
 */
final class YamlDocument {
    private static final Mark START = new Mark("", 0, 0, 0, new int[0], 0);

    private YamlDocument() {}

    /**
     * The root node; an empty document is an empty mapping. Empty when the text is not YAML or holds more
     * than one document, with the reason added to {@code problems}.
     */
    static Optional<Node> parse(String text, Problems problems) {
        try {
            Iterator<Node> documents =
                    new Yaml(new LoaderOptions()).composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                return Optional.of(emptyMapping(START));
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                problems.at(
                        documents.next().getStartMark(),
                        "",
                        "a config file holds one YAML document; remove the"
                                + " second '---' or move this part to its own file");
                return Optional.empty();
            }
            return Optional.of(isNull(root) ? emptyMapping(root.getStartMark()) : root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message =
                    "invalid YAML: " + (e.getProblem() != null ? e.getProblem() : e.getContext());
            if (mark == null) {
                problems.atStart(message);
            } else {
                problems.at(mark, "", message);
            }
        } catch (YAMLException e) {
            problems.atStart("invalid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** A mapping without keys, placed at {@code mark}: what an empty file or an omitted section binds from. */
    static MappingNode emptyMapping(Mark mark) {
        return new MappingNode(
                Tag.MAP, true, new ArrayList<>(), mark, mark, DumperOptions.FlowStyle.BLOCK);
    }

    /** {@code key:}, {@code key: ~} and {@code key: null}, but not {@code key: "null"}. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }
}
