package dev.hakobu.outputs.schema;

import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place two types of the same column (or member, or element) become one, so that every value seen
 * under either still has a cell: the same type stays; a bigint and a double make a double; two structs make
 * the union of their members by name (each member widened the same way); two lists widen their elements;
 * nulls ({@link Scalar#NONE}) add nothing; empty maps and arrays ({@link Scalar#EMPTY}) fit a struct, a list
 * or a string; any other mixture (string and bigint, struct and string, list and struct, timestamp and
 * bigint) is a string, whose cells hold a scalar's text or a structure's JSON. An integer beyond 64 bits is
 * a string before it gets here.
 */
public final class TypeWidening {
    private TypeWidening() {}

    /**
     * Most members of a struct. A map whose keys carry data (user ids, one per record) would otherwise grow
     * a struct without end, and a column writer per member; past this many it is a string of each value's
     * JSON, like any other conflict.
     */
    public static final int MAX_STRUCT_MEMBERS = 200;

    /** The narrowest type both {@code a} and {@code b} fit. */
    public static FieldType widen(FieldType a, FieldType b) {
        if (a.equals(b) || b == Scalar.NONE) {
            return a;
        }
        if (a == Scalar.NONE) {
            return b;
        }
        if (a == Scalar.EMPTY) {
            return emptyWith(b);
        }
        if (b == Scalar.EMPTY) {
            return emptyWith(a);
        }
        if (a instanceof Struct s && b instanceof Struct t) {
            Map<String, FieldType> members = new LinkedHashMap<>(s.members());
            t.members().forEach((name, type) -> members.merge(name, type, TypeWidening::widen));
            return members.size() > MAX_STRUCT_MEMBERS ? Scalar.STRING : new Struct(members);
        }
        if (a instanceof ListOf s && b instanceof ListOf t) {
            return new ListOf(widen(s.element(), t.element()));
        }
        if (numeric(a) && numeric(b)) {
            return Scalar.DOUBLE;
        }
        return Scalar.STRING;
    }

    /**
     * Whether every value of type {@code value} has a cell of type {@code column} without the column
     * changing: {@code widen(column, value)} is {@code column}.
     */
    public static boolean fits(FieldType value, FieldType column) {
        return widen(column, value).equals(column);
    }

    /**
     * Whether going from {@code from} to {@code to} changes what some existing cell means somewhere in the
     * tree (a scalar became another scalar, a struct or list became a string), as opposed to only adding
     * struct members or giving a type to what had none.
     */
    public static boolean changesKind(FieldType from, FieldType to) {
        if (from.equals(to) || from == Scalar.NONE || from == Scalar.EMPTY) {
            return false;
        }
        if (from instanceof Struct s && to instanceof Struct t) {
            for (Map.Entry<String, FieldType> member : s.members().entrySet()) {
                FieldType after = t.members().get(member.getKey());
                if (after != null && changesKind(member.getValue(), after)) {
                    return true;
                }
            }
            return false;
        }
        if (from instanceof ListOf s && to instanceof ListOf t) {
            return changesKind(s.element(), t.element());
        }
        return true;
    }

    private static FieldType emptyWith(FieldType other) {
        return other instanceof Struct || other instanceof ListOf || other == Scalar.STRING
                ? other
                : Scalar.STRING;
    }

    private static boolean numeric(FieldType t) {
        return t == Scalar.BIGINT || t == Scalar.DOUBLE;
    }
}
