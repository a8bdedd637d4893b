package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.aggregator.ingest.RouteConfig;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeRegistry;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every YAML block of the output how-tos binds as the aggregator would read it (its {@code outputs:}
 * through the type registry, its {@code routes:} naming outputs), so a how-to cannot drift from the
 * config records.
 */
class OutputHowToSnippetsTest {
    record Snippet(Map<String, OutputConfig> outputs, Optional<List<RouteConfig>> routes) {}

    @ParameterizedTest(name = "docs/{0}")
    @ValueSource(strings = {"outputs.md", "elasticsearch.md", "kinesis.md"})
    void everyYamlBlockBinds(String page) throws Exception {
        List<String> blocks = yamlBlocks(TestData.root().resolve("docs").resolve(page));
        assertThat(blocks).isNotEmpty();
        ConfigLoader loader =
                new ConfigLoader(TypeRegistry.fromClasspath(), Map.of("ES_PASSWORD", "secret"));
        for (int i = 0; i < blocks.size(); i++) {
            Snippet s = loader.load(page + " yaml block " + (i + 1), blocks.get(i), Snippet.class);
            assertThat(s.outputs()).isNotEmpty();
            for (RouteConfig r : s.routes().orElse(List.of())) {
                assertThat(s.outputs()).containsKeys(r.outputs().toArray(String[]::new));
            }
        }
    }

    private static List<String> yamlBlocks(Path markdown) throws Exception {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(markdown)) {
            if (block == null && line.equals("```yaml")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
