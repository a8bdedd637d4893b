package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** Issue 18: the aggregator's HTTP port is 24231, the agent's 24232 (AgentDefaultsTest), so both fit one host. */
class HttpPortDefaultTest {
    private static AggregatorConfig load(String http) throws Exception {
        String yaml =
                """
                node: n1
                state_dir: /var/lib/hakobu/aggregator
                %s
                outputs:
                  local: {type: file, root: /tmp/out}
                routes:
                  - match: "**"
                    outputs: [local]
                """
                        .formatted(http);
        return ConfigLoader.fromClasspath().load("aggregator.yaml", yaml, AggregatorConfig.class);
    }

    @Test
    void enabledWithoutAPortListensOn24231() throws Exception {
        assertThat(load("http: {enabled: true}").http().listenPort()).isEqualTo(24231);
        assertThat(load("").http().listenPort()).isEqualTo(24231);
        assertThat(load("http: {enabled: true, port: 9100}").http().listenPort()).isEqualTo(9100);
    }
}
