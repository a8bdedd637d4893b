package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NodeSelectorTest {
    private final Node a = node("a", 60, false);
    private final Node b = node("b", 20, false);
    private final Node standby = node("s", 60, true);
    private final NodeSelector selector =
            new NodeSelector(List.of(a, b, standby), new SplittableRandom(11));

    @Test
    void healthyRegularNodesGetChunksInProportionToTheirWeights() {
        Map<Node, Integer> picks = pick(40_000);
        assertThat(picks.getOrDefault(standby, 0)).isZero();
        assertThat(picks.get(a) / (double) picks.get(b)).isBetween(2.8, 3.2);
    }

    @Test
    void aDownNodeGetsNothingAndTheOthersShareItsPart() {
        a.up = false;
        assertThat(pick(1000)).containsOnlyKeys(b);
    }

    @Test
    void theStandbyIsPickedOnlyWhileNoRegularNodeIsHealthy() {
        a.up = false;
        b.up = false;
        assertThat(pick(1000)).containsOnlyKeys(standby);
        b.up = true;
        assertThat(pick(1000)).containsOnlyKeys(b);
    }

    @Test
    void noneIsPickedWhileEveryNodeIsDown() {
        a.up = false;
        b.up = false;
        standby.up = false;
        assertThat(selector.pick()).isNull();
    }

    @Test
    void theShortFormHostAndPortMakesOneServerWithTheDefaultWeight() {
        ForwardClientConfig config =
                new ForwardClientConfig(
                        List.of(),
                        Optional.of("agg"),
                        24225,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        ForwardClientConfig.Compression.ZSTD,
                        8,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(30),
                        Optional.empty(),
                        Optional.empty());
        assertThat(config.servers())
                .containsExactly(new ForwardNodeConfig("agg", 24225, 60, false));
    }

    @Test
    void serversAndTheShortFormTogetherOrNeitherAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(
                        () ->
                                new ForwardClientConfig(
                                        List.of(ForwardNodeConfig.of("x", 1)),
                                        Optional.of("agg"),
                                        24224,
                                        Duration.ofSeconds(5),
                                        Duration.ofSeconds(30),
                                        ForwardClientConfig.Compression.ZSTD,
                                        8,
                                        Duration.ofMillis(500),
                                        Duration.ofSeconds(30),
                                        Optional.empty(),
                                        Optional.empty()))
                .hasMessageStartingWith("host: ");
        assertThatThrownBy(() -> ForwardClientConfig.defaults(List.of()))
                .hasMessageStartingWith("servers: required");
    }

    private Map<Node, Integer> pick(int n) {
        Map<Node, Integer> picks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            picks.merge(selector.pick(), 1, Integer::sum);
        }
        return picks;
    }

    private static Node node(String host, int weight, boolean standby) {
        return new Node(
                new ForwardNodeConfig(host, 24224, weight, standby),
                ForwardClientConfig.Compression.GZIP,
                null);
    }
}
