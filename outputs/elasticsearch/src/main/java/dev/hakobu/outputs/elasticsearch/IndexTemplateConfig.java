package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.util.List;
import java.util.Optional;

@Doc(
        "The composable index template the output installs (PUT _index_template/<name>) on start and before "
                + "writing to an index or data stream it has not written yet, so every new index gets the "
                + "declared types, whatever its first document holds.")
public record IndexTemplateConfig(
        @Doc(
                        "Install the template; false when you manage the index template yourself (the user then needs no manage_index_templates privilege).")
                @Default("true")
                boolean enabled,
        @Doc("Template name; absent: hakobu-<output name>.") Optional<String> name,
        @Doc(
                        "Index patterns; absent: the index with every placeholder as *, e.g. lock-access-*.*.* for lock-access-%Y.%m.%d.")
                List<String> indexPatterns,
        @Doc(
                        "Priority among composable templates; above Elasticsearch's built-in logs-*-* (100). Two templates with overlapping patterns need different priorities.")
                @Default("200")
                int priority) {

    public IndexTemplateConfig {
        indexPatterns = indexPatterns == null ? List.of() : List.copyOf(indexPatterns);
        if (name.isPresent() && !name.get().matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "name: lower-case letters, digits, '.', '_' and '-', found '"
                            + name.get()
                            + "'");
        }
        for (String pattern : indexPatterns) {
            if (pattern.isEmpty() || pattern.chars().allMatch(c -> c == '*')) {
                throw new IllegalArgumentException(
                        "index_patterns: '" + pattern + "' would match every index; name a prefix");
            }
        }
        if (priority < 0) {
            throw new IllegalArgumentException("priority: 0 or more, found " + priority);
        }
    }

    public static IndexTemplateConfig defaults() {
        return new IndexTemplateConfig(true, Optional.empty(), List.of(), 200);
    }
}
