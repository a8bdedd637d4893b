package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TagTemplateTest {
    @Test
    void fileStemIsTheNameWithoutItsLastExtension() {
        assertThat(TagTemplate.resolve("app.${file_stem}", Path.of("/var/log/api.log")))
                .isEqualTo("app.api");
        assertThat(TagTemplate.resolve("app.${file_stem}", Path.of("/var/log/api.2020-08-14.log")))
                .isEqualTo("app.api.2020-08-14");
    }

    @Test
    void fileNameKeepsTheExtensionAndOddCharactersBecomeUnderscores() {
        assertThat(TagTemplate.resolve("raw.${file_name}", Path.of("/logs/my app+1.log")))
                .isEqualTo("raw.my_app_1.log");
    }

    @Test
    void aTagWithoutPlaceholdersIsUsedAsItIs() {
        assertThat(TagTemplate.resolve("app.access", Path.of("/x.log"))).isEqualTo("app.access");
    }

    @Test
    void anUnknownPlaceholderIsAConfigErrorThatNamesTheKnownOnes() {
        assertThatThrownBy(() -> TagTemplate.check("app.${file}"))
                .hasMessage("tag: unknown placeholder ${file}; use ${file_stem} or ${file_name}");
        assertThatThrownBy(() -> TagTemplate.check("app..x"))
                .hasMessageStartingWith("tag: must be dot-separated words");
    }
}
