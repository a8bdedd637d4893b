package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The agent's JVM flags are measured as a set (bench/results/2026-12-06-agent-memory-flags.md): the systemd unit
 * must run the agent with exactly the launcher's defaults, not an older copy of them.
 */
class AgentJvmFlagsTest {
    @Test
    void theSystemdUnitRunsTheAgentWithTheLaunchersDefaultFlags() throws IOException {
        String launcher =
                Files.readString(TestData.root().resolve("packaging/src/dist/bin/hakobu"));
        Matcher agent =
                Pattern.compile("(?s)\\n  agent\\)\\n.*?\\n    DEFAULT_OPTS=\"([^\"]+)\"")
                        .matcher(launcher);
        assertThat(agent.find()).as("the launcher's agent DEFAULT_OPTS").isTrue();

        String unit =
                Files.readString(
                        TestData.root().resolve("packaging/src/deb/systemd/hakobu-agent.service"));
        Matcher env = Pattern.compile("Environment=\"HAKOBU_JAVA_OPTS=([^\"]+)\"").matcher(unit);
        assertThat(env.find()).as("the unit's HAKOBU_JAVA_OPTS").isTrue();
        assertThat(env.group(1)).isEqualTo(agent.group(1));
    }
}
