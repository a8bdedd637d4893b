package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigLoader#loadSection}: one section of another role's file, the rest left alone. */
class SectionLoadingTest {
    @TempDir Path dir;

    record Forward(String host, @Default("24224") int port, String key) {}

    private final ConfigLoader loader =
            new ConfigLoader(TypeRegistry.of(List.of()), Map.of("KEY", "from-the-environment"));

    @Test
    void theSectionBindsWithSubstitutionAndTheOtherKeysAreNotLookedAt() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("agent.yaml"),
                        "sources: [whatever]\nforward:\n  host: agg-1\n  key: ${KEY}\n");
        assertThat(loader.loadSection(file, "forward", Forward.class))
                .isEqualTo(new Forward("agg-1", 24224, "from-the-environment"));
    }

    @Test
    void errorsInsideTheSectionCarryTheirWholePath() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("agent.yaml"), "forward:\n  host: agg-1\n  prot: 1\n");
        assertThatThrownBy(() -> loader.loadSection(file, "forward", Forward.class))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.errors().stream().map(ConfigError::toString))
                                        .containsExactly(
                                                file + ":2:3: forward.key: required",
                                                file
                                                        + ":3:3: forward.prot: unknown key 'prot'; did you"
                                                        + " mean 'port'? (known: host, port, key)"));
    }

    @Test
    void aFileWithoutTheSectionSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("other.yaml"), "outputs: {}\n");
        assertThatThrownBy(() -> loader.loadSection(file, "forward", Forward.class))
                .hasMessage(file + ":1:1: forward: required; this file has no forward section");
    }
}
