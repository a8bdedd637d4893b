package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadFromFileTest {
    record Agent(String name) {}

    private final ConfigLoader loader = new ConfigLoader(TypeRegistry.of(List.of()), Map.of());

    @Test
    void aFileIsReadAsUtf8AndErrorsNameItAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "name: 東京\n", StandardCharsets.UTF_8);
        assertThat(loader.load(file, Agent.class).name()).isEqualTo("東京");

        Files.writeString(file, "nme: x\n");
        assertThatThrownBy(() -> loader.load(file, Agent.class))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.errors())
                                        .allSatisfy(
                                                error ->
                                                        assertThat(error.file())
                                                                .isEqualTo(file.toString())));
    }

    @Test
    void anUnreadableFileIsOneErrorAtTheStart(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> loader.load(missing, Agent.class))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.errors())
                                        .containsExactly(
                                                new ConfigError(
                                                        missing.toString(),
                                                        1,
                                                        1,
                                                        "",
                                                        "cannot read: no such file")));
    }

    @Test
    void aFileThatIsNotUtf8SaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9});

        assertThatThrownBy(() -> loader.load(file, Agent.class))
                .hasMessageEndingWith("cannot read: not valid UTF-8; save the file as UTF-8");
    }

    @Test
    void aByteOrderMarkIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.yaml");
        Files.writeString(file, "\uFEFFname: a\n");

        assertThat(loader.load(file, Agent.class).name()).isEqualTo("a");
    }
}
