package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {
    record Target(String url, @Default("10s") Duration timeout, Optional<String> token) {}

    private static final Map<String, String> ENV =
            Map.of("HOST", "es.internal", "PORT", "9200", "EMPTY", "");

    private static String apply(String text) {
        EnvSubstitution.Result result = EnvSubstitution.using(ENV).apply(text);
        return result instanceof EnvSubstitution.Text t
                ? t.value()
                : "FAILED: " + ((EnvSubstitution.Failure) result).message();
    }

    @Test
    void aSetVariableIsReplacedAndSeveralMayShareAScalar() {
        assertThat(apply("http://${HOST}:${PORT}/")).isEqualTo("http://es.internal:9200/");
    }

    @Test
    void theDefaultIsUsedWhenTheVariableIsUnsetOrEmpty() {
        assertThat(apply("${MISSING:-localhost}")).isEqualTo("localhost");
        assertThat(apply("${EMPTY:-fallback}")).isEqualTo("fallback");
        assertThat(apply("${HOST:-fallback}")).isEqualTo("es.internal");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAFailureThatSaysHowToFixIt() {
        assertThat(apply("${MISSING}"))
                .isEqualTo(
                        "FAILED: environment variable MISSING is not set; set it or write ${MISSING:-default}");
    }

    @Test
    void aLoaderKeepingUnsetVariablesLeavesThemAsWrittenAndStillSubstitutesTheRest()
            throws Exception {
        ConfigLoader loader =
                new ConfigLoader(TypeRegistry.of(java.util.List.of()), ENV).keepingUnsetVariables();
        Target t =
                loader.load(
                        "t.yaml",
                        "url: http://${HOST}/${MISSING}\ntoken: ${SECRET}\n",
                        Target.class);
        assertThat(t.url()).isEqualTo("http://es.internal/${MISSING}");
        assertThat(t.token()).contains("${SECRET}");
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void doubledDollarEscapesALiteralReference() {
        assertThat(apply("cost: $${HOST} and $5")).isEqualTo("cost: ${HOST} and $5");
    }

    @Test
    void anUnclosedReferenceIsAFailure() {
        assertThat(apply("${HOST")).startsWith("FAILED: unclosed '${'");
    }

    @Test
    void lowerCasePlaceholdersAreLeftForKeyTemplates() {
        assertThat(apply("${tag}/dt=%Y-%m-%d/${node}-${chunk_id}-${tag[1]}"))
                .isEqualTo("${tag}/dt=%Y-%m-%d/${node}-${chunk_id}-${tag[1]}");
        assertThat(apply("${tag}/${HOST}")).isEqualTo("${tag}/es.internal");
    }

    @Test
    void substitutionAppliesToValuesWhenLoading() throws Exception {
        Target target =
                Loading.withEnv(ENV)
                        .load("url: http://${HOST}:${PORT}\ntimeout: ${TIMEOUT:-3s}", Target.class);

        assertThat(target.url()).isEqualTo("http://es.internal:9200");
        assertThat(target.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anUnsetVariableIsAnErrorAtItsScalar() {
        assertThat(Loading.withEnv(ENV).errors("url: x\ntoken: \"${API_TOKEN}\"", Target.class))
                .containsExactly(
                        "2:8 token: environment variable API_TOKEN is not set; set it or write ${API_TOKEN:-default}");
    }

    @Test
    void aValueThatSubstitutesToNothingTakesTheDefault() throws Exception {
        Target target =
                Loading.withEnv(ENV)
                        .load("url: x\ntimeout: ${EMPTY}\ntoken: ${NONE:-}", Target.class);

        assertThat(target.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(target.token()).isEmpty();
    }

    @Test
    void keysAreNotSubstituted() {
        assertThat(Loading.withEnv(ENV).errors("url: x\n${HOST}: 1", Target.class).get(0))
                .startsWith("2:1 ${HOST}: unknown key '${HOST}'");
    }
}
