package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlSyntaxTest {
    record Server(String host, Optional<Integer> port) {}

    @Test
    void aSyntaxErrorIsOneErrorAtTheProblem() {
        String yaml =
                """
                host: a
                port: [1, 2
                """;

        assertThat(Loading.plain().errors(yaml, Server.class))
                .containsExactly("3:1 : invalid YAML: expected ',' or ']', but got <stream end>");
    }

    @Test
    void aBadIndentIsReportedWhereTheParserStopped() {
        assertThat(Loading.plain().errors("host: a\n  port: 1\n", Server.class))
                .containsExactly("2:7 : invalid YAML: mapping values are not allowed here");
    }

    @Test
    void aDuplicateKeyIsAnErrorAtTheSecondOccurrence() {
        assertThat(Loading.plain().errors("host: a\nport: 1\nhost: b\n", Server.class))
                .containsExactly(
                        "3:1 host: duplicate key 'host'; it is already set at line 1, remove one of them");
    }

    @Test
    void aSecondDocumentIsAnError() {
        assertThat(Loading.plain().errors("host: a\n---\nhost: b\n", Server.class))
                .containsExactly(
                        "3:1 : a config file holds one YAML document; remove the second '---' or move this part to its own file");
    }

    @Test
    void anEmptyFileBindsAsAnEmptyMapping() throws Exception {
        record Nothing(Optional<String> name) {}

        assertThat(Loading.plain().load("", Nothing.class).name()).isEmpty();
        assertThat(Loading.plain().errors("", Server.class)).containsExactly("1:1 host: required");
        assertThat(Loading.plain().errors("# only a comment\n", Server.class))
                .containsExactly("1:1 host: required");
    }

    @Test
    void aRootThatIsNotAMappingIsAnError() {
        assertThat(Loading.plain().errors("- a\n- b\n", Server.class))
                .containsExactly("1:1 : expected a mapping, found a sequence");
    }
}
