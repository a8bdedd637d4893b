package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolymorphicTypesTest {
    interface Output {}

    record FileOutput(Path root) implements Output {}

    record S3Output(String bucket, @Default("us-east-1") String region) implements Output {}

    record Outputs(Map<String, Output> outputs) {}

    interface Filter {}

    record WithFilter(Filter filter) {}

    private static final TypeRegistry REGISTRY =
            TypeRegistry.of(
                    List.of(
                            new TypeBinding(Output.class, "file", FileOutput.class),
                            new TypeBinding(Output.class, "s3", S3Output.class)));

    @Test
    void theTypeKeySelectsTheRecordAndTheOtherKeysBindToIt() throws Exception {
        String yaml =
                """
                outputs:
                  archive: {type: s3, bucket: logs}
                  local:
                    type: file
                    root: /data
                """;

        Outputs outputs = Loading.with(REGISTRY).load(yaml, Outputs.class);

        assertThat(outputs.outputs())
                .containsExactly(
                        Map.entry("archive", new S3Output("logs", "us-east-1")),
                        Map.entry("local", new FileOutput(Path.of("/data"))));
    }

    @Test
    void anUnknownTypeIsReportedAtItsValueWithTheKnownTypes() {
        assertThat(Loading.with(REGISTRY).errors("outputs:\n  a:\n    type: s4\n", Outputs.class))
                .containsExactly("3:11 outputs.a.type: unknown type 's4'; known types: file, s3");
    }

    @Test
    void theWordNullNamesATypeThoughYamlReadsItAsNull() throws Exception {
        record Discard() implements Output {}
        TypeRegistry withNull =
                TypeRegistry.of(List.of(new TypeBinding(Output.class, "null", Discard.class)));
        assertThat(
                        Loading.with(withNull)
                                .load("outputs:\n  a: {type: null}\n", Outputs.class)
                                .outputs())
                .containsExactly(Map.entry("a", new Discard()));
        assertThat(Loading.with(REGISTRY).errors("outputs:\n  a:\n    type: null\n", Outputs.class))
                .containsExactly("3:11 outputs.a.type: unknown type 'null'; known types: file, s3");
        assertThat(Loading.with(REGISTRY).errors("outputs:\n  a:\n    type: ~\n", Outputs.class))
                .containsExactly("3:5 outputs.a.type: required; known types: file, s3");
    }

    @Test
    void aMissingTypeIsRequired() {
        assertThat(
                        Loading.with(REGISTRY)
                                .errors("outputs:\n  a:\n    bucket: logs\n", Outputs.class))
                .containsExactly("3:5 outputs.a.type: required; known types: file, s3");
    }

    @Test
    void keysOfTheSelectedRecordAreCheckedAndTypeIsAmongTheKnownKeys() {
        assertThat(
                        Loading.with(REGISTRY)
                                .errors(
                                        "outputs:\n  a:\n    type: file\n    rot: /x\n",
                                        Outputs.class))
                .containsExactly(
                        "3:5 outputs.a.root: required",
                        "4:5 outputs.a.rot: unknown key 'rot'; did you mean 'root'? (known: type, root)");
    }

    @Test
    void anInterfaceWithNoRegisteredTypesSaysNoneAreAvailable() {
        assertThat(Loading.with(REGISTRY).errors("filter:\n  type: grep\n", WithFilter.class))
                .containsExactly(
                        "2:9 filter.type: unknown type 'grep'; no Filter types are available in this program");
    }
}
