package dev.hakobu.outputs.parquet;

import dev.hakobu.event.LogSafe;
import dev.hakobu.outputs.schema.FieldType;
import dev.hakobu.outputs.schema.RegistrySchema;
import dev.hakobu.outputs.schema.RegistrySchema.Column;
import dev.hakobu.outputs.schema.RegistrySchema.Widening;
import dev.hakobu.outputs.schema.RegistrySchema.WideningKey;
import dev.hakobu.outputs.schema.SchemaFile;
import dev.hakobu.outputs.schema.TypeWidening;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output's schema registry: the union of the observed columns of every object it wrote, kept in one file
 * ({@link SchemaFile}) in the output's state directory, so {@code athena-ddl} can print a table that reads
 * them all. A ratchet: {@link #fix} gives each column of a new object the registry's type when the object's
 * values fit it, and otherwise widens the column ({@link TypeWidening}) in the object and in the registry,
 * so later objects keep the wide type and a column does not flip between objects.
 *
 * <p>One instance per file in the JVM ({@link #shared}); {@link #fix} is synchronized, for the output's
 * worker threads writing objects at once, and writes the file (atomically) before it returns, so the
 * registry holds an object's columns before the object is handed to the output. A widening is logged once
 * at WARN, when first seen, and counted in the file ({@code objects}): the encoding has no meter registry
 * of the output's to count it in. A chunk written again (a retry, a replay after a crash) counts again, and
 * columns of an object whose upload then failed stay in the registry: a table lists them, their cells null.
 */
final class SchemaRegistry {
    private static final Logger log = LoggerFactory.getLogger(SchemaRegistry.class);
    private static final Map<Path, SchemaRegistry> SHARED = new HashMap<>();

    private final Path file;
    private final Clock clock;
    private RegistrySchema schema;

    private SchemaRegistry(Path file, Clock clock, RegistrySchema schema) {
        this.file = file;
        this.clock = clock;
        this.schema = schema;
    }

    /**
     * The registry of {@code file} for this JVM, read from the file the first time (none: empty).
     *
     * @throws IOException when the file exists and cannot be read as a registry: never silently reset; the
     *     object is not written (the output retries it) until the file is fixed or moved away
     */
    static SchemaRegistry shared(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        synchronized (SHARED) {
            SchemaRegistry registry = SHARED.get(key);
            if (registry == null) {
                registry = open(key, Clock.systemUTC());
                SHARED.put(key, registry);
            }
            return registry;
        }
    }

    /** A new instance over {@code file} (tests: a restart), read from it if it exists. */
    static SchemaRegistry open(Path file, Clock clock) throws IOException {
        RegistrySchema schema = Files.exists(file) ? SchemaFile.read(file) : RegistrySchema.empty();
        return new SchemaRegistry(file, clock, schema);
    }

    /** What the registry holds now. */
    synchronized RegistrySchema schema() {
        return schema;
    }

    /**
     * The type each observed column of one object is written as: the registry's when the object's values
     * fit it, else both widened (a new column: its own). Records new columns, new members and widenings,
     * and writes the file when anything changed; returns only once the file holds them.
     *
     * @param seen each observed column's type from the object's values, no NONE or EMPTY in them
     * @param emptyOnly columns whose values were only empty maps or arrays: written with the registry's
     *     type when it is a struct, list or string (which they fit), else left out
     */
    synchronized Map<String, FieldType> fix(Map<String, FieldType> seen, Set<String> emptyOnly)
            throws IOException {
        Instant now = clock.instant();
        Map<String, Column> columns = new LinkedHashMap<>(schema.columns());
        Map<WideningKey, Widening> widenings = new LinkedHashMap<>(schema.widenings());
        Map<String, FieldType> fixed = new LinkedHashMap<>();
        for (String name : emptyOnly) {
            Column known = columns.get(name);
            if (known != null && TypeWidening.fits(FieldType.Scalar.EMPTY, known.type())) {
                fixed.put(name, known.type());
            }
        }
        boolean changed = false;
        for (Map.Entry<String, FieldType> e : seen.entrySet()) {
            String name = e.getKey();
            FieldType values = e.getValue();
            Column known = columns.get(name);
            if (known == null) {
                columns.put(name, new Column(values, now));
                fixed.put(name, values);
                changed = true;
                continue;
            }
            FieldType type = TypeWidening.widen(known.type(), values);
            fixed.put(name, type);
            if (!type.equals(known.type())) {
                columns.put(name, new Column(type, known.firstSeen()));
                changed = true;
            }
            boolean columnChanged = TypeWidening.changesKind(known.type(), type);
            if (columnChanged) {
                changed |= count(widenings, name, known.type(), type, now, true);
            }
            if (TypeWidening.changesKind(values, type)) {
                changed |= count(widenings, name, values, type, now, false);
            }
        }
        if (changed) {
            RegistrySchema next = new RegistrySchema(columns, widenings);
            SchemaFile.write(file, next);
            schema = next;
        }
        return fixed;
    }

    /**
     * Counts one object under the widening of {@code column} from {@code from}'s kind to {@code to} (logging
     * it at WARN the first time); true (the registry changed) always.
     */
    private boolean count(
            Map<WideningKey, Widening> widenings,
            String column,
            FieldType from,
            FieldType to,
            Instant now,
            boolean columnChanged) {
        WideningKey key = new WideningKey(column, RegistrySchema.kind(from), to);
        Widening known = widenings.get(key);
        if (known == null) {
            Widening w = new Widening(column, from, to, now, 1, columnChanged);
            widenings.put(key, w);
            log.warn(
                    "parquet schema: column {} widened: {}; counted in {}",
                    LogSafe.escape(column),
                    LogSafe.escape(w.describe()),
                    file);
        } else {
            widenings.put(
                    key,
                    new Widening(
                            column,
                            TypeWidening.widen(known.from(), from),
                            to,
                            known.since(),
                            known.objects() + 1,
                            known.columnChanged() || columnChanged));
        }
        return true;
    }
}
