package dev.hakobu.forward;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks the node for a chunk: a healthy regular node with probability proportional to its weight; only if
 * no regular node is healthy, a healthy standby node by weight; {@code null} if none is healthy. Not
 * thread-safe (nor is the random generator): called under the {@link Dispatcher}'s lock.
 */
final class NodeSelector {
    private final List<Node> nodes;
    private final RandomGenerator random;

    NodeSelector(List<Node> nodes, RandomGenerator random) {
        this.nodes = List.copyOf(nodes);
        this.random = random;
    }

    Node pick() {
        Node regular = pick(false);
        return regular != null ? regular : pick(true);
    }

    private Node pick(boolean standby) {
        long total = 0;
        for (Node node : nodes) {
            if (node.up && node.config.standby() == standby) {
                total += node.config.weight();
            }
        }
        if (total == 0) {
            return null;
        }
        long x = random.nextLong(total);
        for (Node node : nodes) {
            if (node.up && node.config.standby() == standby) {
                x -= node.config.weight();
                if (x < 0) {
                    return node;
                }
            }
        }
        throw new AssertionError("weights changed while picking");
    }
}
