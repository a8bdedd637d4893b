package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyAnnotationTest {
    record Route(String match, @Key("continue") @Default("false") boolean continueMatching) {}

    @Test
    void aComponentCanTakeAKeyThatIsAJavaKeyword() throws Exception {
        assertThat(Loading.plain().load("match: a\ncontinue: true\n", Route.class))
                .isEqualTo(new Route("a", true));
        assertThat(Loading.plain().errors("match: a\ncontinue_matching: true\n", Route.class))
                .singleElement()
                .asString()
                .contains("unknown key 'continue_matching'");
    }
}
