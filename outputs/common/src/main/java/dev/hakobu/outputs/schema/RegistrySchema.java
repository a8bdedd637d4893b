package dev.hakobu.outputs.schema;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a schema registry holds: the union type of every column written so far, in first-seen order, and
 * every widening (a column whose type had to change kind, e.g. bigint to string), with how many objects
 * were written with values the old type could not hold. Immutable; {@link #merge} and the registry make
 * new ones.
 *
 * @param columns   column name -> its union type and when it was first written
 * @param widenings each widening by column, from and to
 */
public record RegistrySchema(Map<String, Column> columns, Map<WideningKey, Widening> widenings) {

    public RegistrySchema {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        widenings = Collections.unmodifiableMap(new LinkedHashMap<>(widenings));
    }

    public static RegistrySchema empty() {
        return new RegistrySchema(Map.of(), Map.of());
    }

    /** A column's union type and when an object first had it. */
    public record Column(FieldType type, Instant firstSeen) {}

    /**
     * Values of {@code from}'s kind written as {@code to} since {@code since}, in {@code objects} objects.
     *
     * @param columnChanged true when the column itself had {@code from}'s type in objects written before (so
     *     those objects hold {@code from}); false when only this writer's values were of that kind and the
     *     column already had {@code to} (no object holds {@code from})
     */
    public record Widening(
            String column,
            FieldType from,
            FieldType to,
            Instant since,
            long objects,
            boolean columnChanged) {
        public WideningKey key() {
            return new WideningKey(column, kind(from), to);
        }

        /** One sentence for a log line or a DDL comment. */
        public String describe() {
            return from.text()
                    + " -> "
                    + to.text()
                    + " since "
                    + since
                    + " ("
                    + objects
                    + (objects == 1 ? " object" : " objects")
                    + (columnChanged ? ", objects before hold " + from.text() : "")
                    + ")";
        }
    }

    /** What identifies a widening: the column, the kind it came from (any struct, any list, a scalar), the type it went to. */
    public record WideningKey(String column, FieldType fromKind, FieldType to) {}

    /** A struct or list of any members, or the scalar itself. */
    public static FieldType kind(FieldType type) {
        if (type instanceof FieldType.Struct) {
            return new FieldType.Struct(Map.of());
        }
        if (type instanceof FieldType.ListOf) {
            return new FieldType.ListOf(FieldType.Scalar.NONE);
        }
        return type;
    }

    /**
     * The registries of several writers (e.g. several aggregator nodes writing one table) as one, by the
     * same rules ({@link TypeWidening}): columns widened, earliest first-seen, widenings of both (counts
     * added), and a widening for each column whose types in the two differ in kind, dated at the later
     * first-seen.
     */
    public RegistrySchema merge(RegistrySchema other) {
        Map<String, Column> merged = new LinkedHashMap<>(columns);
        Map<WideningKey, Widening> changes = new LinkedHashMap<>(widenings);
        other.widenings.forEach(
                (key, w) ->
                        changes.merge(
                                key,
                                w,
                                (a, b) ->
                                        new Widening(
                                                a.column(),
                                                TypeWidening.widen(a.from(), b.from()),
                                                a.to(),
                                                a.since().isBefore(b.since())
                                                        ? a.since()
                                                        : b.since(),
                                                a.objects() + b.objects(),
                                                a.columnChanged() || b.columnChanged())));
        other.columns.forEach(
                (name, column) -> {
                    Column mine = merged.get(name);
                    if (mine == null) {
                        merged.put(name, column);
                        return;
                    }
                    FieldType type = TypeWidening.widen(mine.type(), column.type());
                    Instant first =
                            mine.firstSeen().isBefore(column.firstSeen())
                                    ? mine.firstSeen()
                                    : column.firstSeen();
                    Instant later =
                            mine.firstSeen().isBefore(column.firstSeen())
                                    ? column.firstSeen()
                                    : mine.firstSeen();
                    merged.put(name, new Column(type, first));
                    for (FieldType from : new FieldType[] {mine.type(), column.type()}) {
                        if (TypeWidening.changesKind(from, type)) {
                            Widening w = new Widening(name, from, type, later, 0, true);
                            changes.putIfAbsent(w.key(), w);
                        }
                    }
                });
        return new RegistrySchema(merged, changes);
    }
}
