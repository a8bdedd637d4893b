package dev.hakobu.outputs.parquet;

import static dev.hakobu.outputs.parquet.SchemaObjects.columns;
import static dev.hakobu.outputs.parquet.SchemaObjects.context;
import static dev.hakobu.outputs.parquet.SchemaObjects.query;
import static dev.hakobu.outputs.parquet.SchemaObjects.read;
import static dev.hakobu.outputs.parquet.SchemaObjects.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.encoding.ColumnarOptions.NestedValues;
import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import dev.hakobu.outputs.schema.RegistrySchema;
import dev.hakobu.outputs.schema.RegistrySchema.Column;
import dev.hakobu.outputs.schema.RegistrySchema.Widening;
import dev.hakobu.outputs.schema.SchemaFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry: a ratchet across objects (a column keeps the widest type it had), its file read again
 * after a restart, a broken file refused rather than reset, and several writers of one output at once.
 */
class SchemaRegistryTest {
    private static final Instant RESTART = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir Path dir;

    private Path registryFile() {
        return dir.resolve("state/parquet-schema.json");
    }

    private EncodingContext withRegistry() {
        return context(Map.of(), NestedValues.STRUCT, Optional.of(registryFile()));
    }

    private Path write(String name, Map<String, Object> record) throws IOException {
        return SchemaObjects.write(dir.resolve(name), withRegistry(), List.of(record));
    }

    @Test
    void aColumnThatWidenedStaysWideInLaterObjectsAndStructsKeepEveryMemberSeen() throws Exception {
        Path first = write("1.parquet", record("n", 1, "u", record("a", 1)));
        Path second = write("2.parquet", record("n", "x", "u", record("b", "y")));
        Path third = write("3.parquet", record("n", 5, "u", record("a", 2)));

        assertThat(columns(read(first)))
                .containsExactly("time TIMESTAMP WITH TIME ZONE", "n BIGINT", "u STRUCT(a BIGINT)");
        assertThat(columns(read(second)))
                .containsExactly(
                        "time TIMESTAMP WITH TIME ZONE",
                        "n VARCHAR",
                        "u STRUCT(a BIGINT, b VARCHAR)");
        assertThat(columns(read(third)))
                .containsExactly(
                        "time TIMESTAMP WITH TIME ZONE",
                        "n VARCHAR",
                        "u STRUCT(a BIGINT, b VARCHAR)");
        assertThat(
                        query(
                                "SELECT n || ' ' || u.a || ' ' || coalesce(u.b, 'NULL') FROM "
                                        + read(third)))
                .containsExactly("5 2 NULL");

        RegistrySchema registry = SchemaFile.read(registryFile());
        assertThat(registry.columns().get("n").type()).isEqualTo(Scalar.STRING);
        assertThat(registry.columns().get("u").type().text())
                .isEqualTo("struct<a:bigint,b:string>");
        assertThat(registry.widenings().values())
                .singleElement()
                .satisfies(
                        w -> {
                            assertThat(w.column()).isEqualTo("n");
                            assertThat(w.from()).isEqualTo(Scalar.BIGINT);
                            assertThat(w.to()).isEqualTo(Scalar.STRING);
                            assertThat(w.objects()).isEqualTo(2);
                            assertThat(w.columnChanged()).isTrue();
                        });
    }

    @Test
    void anEmptyArrayWhereTheRegistryKnowsTheColumnIsAnEmptyListAndElsewhereNoColumn()
            throws Exception {
        Path unknown = write("0.parquet", record("tags", List.of(), "n", 1));
        write("1.parquet", record("tags", List.of("a")));
        Path known = write("2.parquet", record("tags", List.of(), "n", 2));

        assertThat(columns(read(unknown)))
                .containsExactly("time TIMESTAMP WITH TIME ZONE", "n BIGINT");
        assertThat(columns(read(known)))
                .containsExactly("time TIMESTAMP WITH TIME ZONE", "tags VARCHAR[]", "n BIGINT");
        assertThat(query("SELECT tags::VARCHAR FROM " + read(known))).containsExactly("[]");
    }

    @Test
    void aRegistryOpenedAgainFromItsFileKeepsTheWideTypesAndCountsOn() throws Exception {
        write("1.parquet", record("n", 1));
        write("2.parquet", record("n", "x"));

        SchemaRegistry restarted =
                SchemaRegistry.open(registryFile(), Clock.fixed(RESTART, ZoneOffset.UTC));
        Map<String, FieldType> seen = new LinkedHashMap<>();
        seen.put("n", Scalar.BIGINT);
        seen.put("m", Scalar.DOUBLE);

        assertThat(restarted.fix(seen, Set.of()))
                .containsExactlyEntriesOf(orderedMap("n", Scalar.STRING, "m", Scalar.DOUBLE));
        RegistrySchema after = SchemaFile.read(registryFile());
        assertThat(after.columns().get("m")).isEqualTo(new Column(Scalar.DOUBLE, RESTART));
        assertThat(after.widenings().values()).extracting(Widening::objects).containsExactly(2L);
    }

    @Test
    void aRegistryThatCannotBeReadFailsTheWriteNamingTheFileAndIsNotReset() throws Exception {
        Files.createDirectories(registryFile().getParent());
        Files.writeString(registryFile(), "{\"version\": 1, \"columns\": [");

        assertThatThrownBy(() -> write("1.parquet", record("n", 1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(registryFile() + ": not a Parquet schema registry");
        assertThat(Files.readString(registryFile())).isEqualTo("{\"version\": 1, \"columns\": [");

        Files.delete(registryFile());
        write("2.parquet", record("n", 1));
        assertThat(SchemaFile.read(registryFile()).columns()).containsOnlyKeys("n");
    }

    @Test
    void concurrentWritersOfOneOutputEndWithTheUnionOfEverythingTheyWrote() throws Exception {
        int threads = 4;
        int objectsEach = 20;
        List<Object> values = List.of(1, 2.5, "s", true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < objectsEach; i++) {
                                        write(
                                                "t" + thread + "-" + i + ".parquet",
                                                record(
                                                        "v",
                                                        values.get(thread),
                                                        "s",
                                                        record("m" + thread, i),
                                                        "t" + thread,
                                                        i));
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        RegistrySchema registry = SchemaFile.read(registryFile());
        assertThat(registry.columns()).containsOnlyKeys("v", "s", "t0", "t1", "t2", "t3");
        assertThat(registry.columns().get("v").type()).isEqualTo(Scalar.STRING);
        assertThat(((Struct) registry.columns().get("s").type()).members())
                .containsOnlyKeys("m0", "m1", "m2", "m3")
                .allSatisfy((name, type) -> assertThat(type).isEqualTo(Scalar.BIGINT));
        assertThat(
                        query(
                                "SELECT count(*) || ' ' || count(v) || ' ' || count(s) FROM"
                                        + " read_parquet('"
                                        + dir
                                        + "/t*.parquet', union_by_name = true)"))
                .containsExactly(
                        (threads * objectsEach)
                                + " "
                                + (threads * objectsEach)
                                + " "
                                + (threads * objectsEach));
    }

    private static Map<String, FieldType> orderedMap(
            String k1, FieldType v1, String k2, FieldType v2) {
        Map<String, FieldType> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
