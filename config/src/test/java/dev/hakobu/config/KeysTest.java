package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
    record Local(Path root, @Default("1MiB") DataSize maxLineBytes) {}

    record Outputs(Local local) {}

    record Aggregator(String name, Outputs outputs) {}

    @Test
    void componentNamesAreWrittenInSnakeCase() throws Exception {
        Local local = Loading.plain().load("root: /data\nmax_line_bytes: 2KiB", Local.class);

        assertThat(local.maxLineBytes()).isEqualTo(DataSize.ofBytes(2048));
    }

    @Test
    void anUnknownKeyIsReportedAtTheKeyWithASuggestionAndTheKnownKeys() {
        String yaml =
                """
                name: edge
                outputs:
                  local:
                    roots: /data
                """;

        assertThat(Loading.plain().errors(yaml, Aggregator.class))
                .containsExactly(
                        "4:5 outputs.local.roots: unknown key 'roots'; did you mean 'root'? (known: root, max_line_bytes)",
                        "4:5 outputs.local.root: required");
    }

    @Test
    void aCamelCaseOrDashedKeyIsPointedToItsSnakeCaseSpelling() {
        assertThat(Loading.plain().errors("root: /a\nmax-line-bytes: 1", Local.class))
                .containsExactly(
                        "2:1 max-line-bytes: unknown key 'max-line-bytes'; did you mean 'max_line_bytes'? (known: root, max_line_bytes)");
        assertThat(Loading.plain().errors("root: /a\nmaxLineBytes: 1", Local.class).get(0))
                .contains("did you mean 'max_line_bytes'?");
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneGetsNoSuggestion() {
        assertThat(Loading.plain().errors("root: /a\ncompression: zstd", Local.class))
                .containsExactly(
                        "2:1 compression: unknown key 'compression' (known: root, max_line_bytes)");
    }

    @Test
    void aMissingRequiredKeyIsReportedAtItsMappingWithTheFullPath() {
        String yaml =
                """
                name: edge
                outputs:
                  local:
                    max_line_bytes: 4KiB
                """;

        assertThat(Loading.plain().errors(yaml, Aggregator.class))
                .containsExactly("4:5 outputs.local.root: required");
    }

    @Test
    void aMissingSectionThatCannotBeDefaultedIsRequiredAtItsParent() {
        assertThat(Loading.plain().errors("name: edge\n", Aggregator.class))
                .containsExactly("1:1 outputs: required");
    }

    @Test
    void anExplicitNullCountsAsMissing() throws Exception {
        Local local = Loading.plain().load("root: /a\nmax_line_bytes: ~", Local.class);
        assertThat(local.maxLineBytes()).isEqualTo(DataSize.ofBytes(1 << 20));

        assertThat(Loading.plain().errors("root:\n", Local.class))
                .containsExactly("1:1 root: required");
    }

    @Test
    void threeMistakesInOneFileGiveThreeErrorsEachAtItsOwnPlace() {
        String yaml =
                """
                name: edge
                outputs:
                  local:
                    root: /data
                    max_line_bytes: huge
                    colour: blue
                nmae: typo
                """;

        assertThat(Loading.plain().errors(yaml, Aggregator.class))
                .containsExactly(
                        "5:21 outputs.local.max_line_bytes: 'huge' is not a size; write a number of bytes with an optional unit,"
                                + " such as 512, 64KiB, 8MiB or 1GiB",
                        "6:5 outputs.local.colour: unknown key 'colour' (known: root, max_line_bytes)",
                        "7:1 nmae: unknown key 'nmae'; did you mean 'name'? (known: name, outputs)");
    }

    @Test
    void theErrorMessageReadsAsFileLineColumnPathMessage() {
        ConfigError error =
                new ConfigError("aggregator.yaml", 12, 5, "outputs.local.root", "required");

        assertThat(error).hasToString("aggregator.yaml:12:5: outputs.local.root: required");
    }

    @Test
    void unknownTopLevelKeysTellWhichRootFitsAFile() {
        record Agent(String name, List<String> paths) {}
        ConfigLoader loader = new ConfigLoader(TypeRegistry.of(List.of()), java.util.Map.of());
        String yaml = "name: a\npaths: [/x]\n";

        assertThat(loader.unknownTopLevelKeys("f.yaml", yaml, Agent.class)).isEmpty();
        assertThat(loader.unknownTopLevelKeys("f.yaml", yaml, Aggregator.class))
                .containsExactly("paths");
        assertThat(loader.unknownTopLevelKeys("f.yaml", "a: [", Agent.class)).isEmpty();
    }
}
