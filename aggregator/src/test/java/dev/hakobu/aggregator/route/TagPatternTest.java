package dev.hakobu.aggregator.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "app.access, app.access, true",
        "app.access, app.error, false",
        "app.*, app.access, true",
        "app.*, app, false",
        "app.*, app.access.v2, false",
        "app.**, app, true",
        "app.**, app.access, true",
        "app.**, app.access.v2, true",
        "app.**, application, false",
        "**, anything.at.all, true",
        "**.error, app.web.error, true",
        "**.error, error, true",
        "*.*.error, app.web.error, true",
        "'app.{access,error}', app.error, true",
        "'app.{access,error}', app.debug, false",
        "'{app.access,web.**}', web.nginx.access, true",
        "'{app.access,web.**}', app.error, false",
        "'a.{b,c.{d,e}}', a.c.e, true",
    })
    void matchesTagsPartByPart(String pattern, String tag, boolean expected) {
        assertThat(TagPattern.compile(pattern).matches(tag)).isEqualTo(expected);
    }

    @Test
    void unbalancedBracesAreRejectedWithThePattern() {
        assertThatThrownBy(() -> TagPattern.compile("app.{a,b"))
                .hasMessageContaining("unbalanced '{'")
                .hasMessageContaining("app.{a,b");
        assertThatThrownBy(() -> TagPattern.compile("app.a}"))
                .hasMessageContaining("unbalanced '}'");
        assertThatThrownBy(() -> TagPattern.compile(" ")).hasMessageContaining("empty");
    }
}
