package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource({
        "root, root",
        "maxLineBytes, max_line_bytes",
        "maxURLLength, max_url_length",
        "s3Bucket, s3_bucket",
        "flushEvery10s, flush_every10s"
    })
    void componentNamesBecomeSnakeCaseKeys(String component, String key) {
        assertThat(Names.snakeCase(component)).isEqualTo(key);
    }

    @Test
    void pathsJoinKeysWithDotsAndIndexesWithBrackets() {
        assertThat(Names.child("", "outputs")).isEqualTo("outputs");
        assertThat(Names.index(Names.child("outputs", "routes"), 0)).isEqualTo("outputs.routes[0]");
    }

    @Test
    void suggestionsFindNearKeysAndSpellingVariantsButNotDistantOnes() {
        List<String> known = List.of("root", "max_line_bytes", "type");

        assertThat(KeySuggestions.closest("roots", known)).contains("root");
        assertThat(KeySuggestions.closest("tpye", known)).contains("type");
        assertThat(KeySuggestions.closest("maxLineBytes", known)).contains("max_line_bytes");
        assertThat(KeySuggestions.closest("compression", known)).isEmpty();
    }
}
