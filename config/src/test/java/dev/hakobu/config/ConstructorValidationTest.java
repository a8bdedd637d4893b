package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConstructorValidationTest {
    record Batch(int minEvents, int maxEvents) {
        Batch {
            if (maxEvents < 1) {
                throw new IllegalArgumentException("max_events: must be at least 1");
            }
            if (minEvents > maxEvents) {
                throw new IllegalArgumentException("min_events must not exceed max_events");
            }
        }
    }

    record Pipeline(List<Batch> batches) {}

    record Broken(int value) {
        Broken {
            throw new IllegalStateException("a bug, not a config mistake");
        }
    }

    @Test
    void aValidationMessageNamingAKeyPointsAtThatKeysValue() {
        String yaml =
                """
                batches:
                  - min_events: 1
                    max_events: 0
                """;

        assertThat(Loading.plain().errors(yaml, Pipeline.class))
                .containsExactly("3:17 batches[0].max_events: must be at least 1");
    }

    @Test
    void aValidationMessageWithoutAKeyPointsAtTheMapping() {
        String yaml =
                """
                batches:
                  - min_events: 5
                    max_events: 2
                  - {min_events: 9, max_events: 0}
                """;

        assertThat(Loading.plain().errors(yaml, Pipeline.class))
                .containsExactly(
                        "2:5 batches[0]: min_events must not exceed max_events",
                        "4:33 batches[1].max_events: must be at least 1");
    }

    @Test
    void otherExceptionsFromConstructorsAreBugsAndPropagate() {
        assertThatThrownBy(() -> Loading.plain().load("value: 1", Broken.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a bug, not a config mistake");
    }
}
