package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultsTest {
    record Retry(@Default("3") int attempts, @Default("500ms") Duration backoff) {}

    record Buffer(@Default("8MiB") DataSize size, Retry retry, Optional<String> spillDir) {}

    record Agent(String name, Buffer buffer, @Default("[info, warn]") List<String> levels) {}

    record Bad(@Default("soon") Duration timeout) {}

    @Test
    void anAbsentSectionWhoseKeysAllHaveDefaultsIsBuiltFromDefaults() throws Exception {
        Agent agent = Loading.plain().load("name: a", Agent.class);

        assertThat(agent.buffer())
                .isEqualTo(
                        new Buffer(
                                DataSize.ofBytes(8 << 20),
                                new Retry(3, Duration.ofMillis(500)),
                                Optional.empty()));
        assertThat(agent.levels()).containsExactly("info", "warn");
    }

    @Test
    void givenKeysOverrideDefaultsInsideNestedSections() throws Exception {
        Agent agent =
                Loading.plain().load("name: a\nbuffer:\n  retry:\n    attempts: 7\n", Agent.class);

        assertThat(agent.buffer().retry()).isEqualTo(new Retry(7, Duration.ofMillis(500)));
        assertThat(agent.buffer().size()).isEqualTo(DataSize.ofBytes(8 << 20));
    }

    @Test
    void aDefaultThatDoesNotFitItsTypeIsABugInTheRecord() {
        assertThatThrownBy(() -> Loading.plain().load("", Bad.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@Default(\"soon\")")
                .hasMessageContaining("timeout");
    }

    @Test
    void defaultsAreLiteralsNotSubstitutedFromTheEnvironment() throws Exception {
        record Template(@Default("${HOST}") String pattern) {}

        assertThat(Loading.plain().load("", Template.class).pattern()).isEqualTo("${HOST}");
    }
}
