package dev.hakobu.config;

import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What every binder of one file shares: where errors go, the known types, environment substitution, and
 * whether {@link WritableDirectory} and {@link ReadableFile} paths are checked against the file system.
 */
record BindContext(
        Problems problems, TypeRegistry registry, EnvSubstitution env, boolean checkPaths) {

    void error(Node node, String path, String message) {
        problems.at(node, path, message);
    }

    /** A scalar value's text after environment substitution; empty, with the error reported, if that failed. */
    Optional<String> text(ScalarNode node, String path) {
        EnvSubstitution.Result result = env.apply(node.getValue());
        if (result instanceof EnvSubstitution.Failure failure) {
            error(node, path, failure.message());
            return Optional.empty();
        }
        return Optional.of(((EnvSubstitution.Text) result).value());
    }

    /**
     * True for a YAML null, and for a plain scalar that substitution turns into nothing ({@code ${X:-}} with X
     * unset), so that such a value means "use the default" rather than the empty string.
     */
    boolean isNull(Node node) {
        if (YamlDocument.isNull(node)) {
            return true;
        }
        return node instanceof ScalarNode scalar
                && scalar.isPlain()
                && scalar.getValue().contains("${")
                && env.apply(scalar.getValue()) instanceof EnvSubstitution.Text text
                && text.value().isEmpty();
    }

    /** How a node reads in "expected a mapping, found ...". */
    String describe(Node node) {
        if (isNull(node)) {
            return "nothing";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a sequence";
        }
        return node instanceof ScalarNode scalar
                ? "'" + scalar.getValue() + "'"
                : "a " + node.getNodeId();
    }
}
