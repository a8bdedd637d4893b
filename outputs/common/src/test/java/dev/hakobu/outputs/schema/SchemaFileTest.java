package dev.hakobu.outputs.schema;

import static dev.hakobu.outputs.schema.FieldType.Scalar.BIGINT;
import static dev.hakobu.outputs.schema.FieldType.Scalar.DOUBLE;
import static dev.hakobu.outputs.schema.FieldType.Scalar.STRING;
import static dev.hakobu.outputs.schema.TypeWideningTest.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.RegistrySchema.Column;
import dev.hakobu.outputs.schema.RegistrySchema.Widening;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry file: what is written is read back, a broken file is an error, several nodes' files merge. */
class SchemaFileTest {
    private static final Instant T1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-02T00:00:00Z");

    @TempDir Path dir;

    private static RegistrySchema schema(Map<String, Column> columns, Widening... widenings) {
        Map<RegistrySchema.WideningKey, Widening> byKey = new LinkedHashMap<>();
        for (Widening w : widenings) {
            byKey.put(w.key(), w);
        }
        return new RegistrySchema(columns, byKey);
    }

    @Test
    void whatIsWrittenIsReadBackTypesOrderAndWidenings() throws Exception {
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("user", new Column(STRING, T1));
        columns.put(
                "req",
                new Column(struct("path", STRING, "q", new ListOf(BIGINT), "odd key", DOUBLE), T2));
        RegistrySchema written =
                schema(columns, new Widening("user", struct("id", BIGINT), STRING, T2, 3, false));
        Path file = dir.resolve("parquet-schema.json");

        SchemaFile.write(file, written);

        assertThat(SchemaFile.read(file)).isEqualTo(written);
        assertThat(List.copyOf(SchemaFile.read(file).columns().keySet()))
                .containsExactly("user", "req");
        assertThat(Files.exists(dir.resolve("parquet-schema.json.tmp"))).isFalse();
    }

    @Test
    void aFileThatIsNotARegistryIsAnErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("parquet-schema.json");
        Files.writeString(file, "{\"version\": 1, \"columns\": {\"a\": {\"type\": \"decimal\"");

        assertThatThrownBy(() -> SchemaFile.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": not a Parquet schema registry");
    }

    @Test
    void twoNodesRegistriesMergeByTheWideningRulesAndAddTheWideningTheMergeMade() {
        RegistrySchema a =
                schema(
                        Map.of("n", new Column(BIGINT, T1)),
                        new Widening("s", BIGINT, STRING, T1, 2, true));
        RegistrySchema b =
                schema(
                        Map.of("n", new Column(DOUBLE, T2), "m", new Column(STRING, T2)),
                        new Widening("s", BIGINT, STRING, T2, 5, false));

        RegistrySchema merged = a.merge(b);

        assertThat(merged.columns())
                .containsExactlyEntriesOf(
                        orderedMap("n", new Column(DOUBLE, T1), "m", new Column(STRING, T2)));
        assertThat(merged.widenings().values())
                .containsExactly(
                        new Widening("s", BIGINT, STRING, T1, 7, true),
                        new Widening("n", BIGINT, DOUBLE, T2, 0, true));
    }

    private static Map<String, Column> orderedMap(String k1, Column v1, String k2, Column v2) {
        Map<String, Column> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
