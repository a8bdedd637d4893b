package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.AgentConfig;
import dev.hakobu.aggregator.AggregatorConfig;
import dev.hakobu.config.ConfigReference;
import dev.hakobu.config.TypeRegistry;
import dev.hakobu.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/config-reference.md is generated from the config records; this fails when it is out of date.
 * Regenerate with {@code mvn -pl packaging test -Dtest=ConfigReferenceTest -Dgolden.update=true}.
 */
class ConfigReferenceTest {
    @Test
    void theConfigReferenceMatchesTheConfigRecords() throws Exception {
        String generated =
                "# Configuration reference\n\nGenerated from the config records (`ConfigReferenceTest`); "
                        + "every key, its type, default and meaning. Values may use `${ENV}` and `${ENV:-default}`.\n\n"
                        + ConfigReference.markdown(
                                TypeRegistry.fromClasspath(),
                                List.of(AgentConfig.class, AggregatorConfig.class));
        Path doc = TestData.root().resolve("docs/config-reference.md");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(doc, generated);
        }
        assertThat(generated).isEqualTo(Files.readString(doc));
    }
}
