package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRegistryTest {
    interface Output {}

    record S3(String bucket) implements Output {}

    record Local(String root) implements Output {}

    private final TypeRegistry registry =
            TypeRegistry.of(
                    List.of(
                            new TypeBinding(Output.class, "s3", S3.class),
                            new TypeBinding(Output.class, "file", Local.class)));

    @Test
    void bindingsAreFoundByFamilyAndNameAndListedByName() {
        assertThat(registry.isFamily(Output.class)).isTrue();
        assertThat(registry.isFamily(S3.class)).isFalse();
        assertThat(registry.find(Output.class, "s3")).map(TypeBinding::config).contains(S3.class);
        assertThat(registry.find(Output.class, "s4")).isEmpty();
        assertThat(registry.bindingsOf(Output.class))
                .extracting(TypeBinding::name)
                .containsExactly("file", "s3");
        assertThat(registry.nameOf(Local.class)).contains("file");
    }

    @Test
    void twoBindingsWithTheSameFamilyAndNameAreRefused() {
        assertThatThrownBy(
                        () ->
                                TypeRegistry.of(
                                        List.of(
                                                new TypeBinding(Output.class, "s3", S3.class),
                                                new TypeBinding(Output.class, "s3", Local.class))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'s3'");
    }

    @Test
    void theClasspathRegistryLoadsWithoutServices() {
        assertThat(TypeRegistry.fromClasspath().isFamily(Output.class)).isFalse();
    }
}
