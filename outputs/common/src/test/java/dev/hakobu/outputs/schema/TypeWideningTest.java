package dev.hakobu.outputs.schema;

import static dev.hakobu.outputs.schema.FieldType.Scalar.BIGINT;
import static dev.hakobu.outputs.schema.FieldType.Scalar.BOOLEAN;
import static dev.hakobu.outputs.schema.FieldType.Scalar.DOUBLE;
import static dev.hakobu.outputs.schema.FieldType.Scalar.EMPTY;
import static dev.hakobu.outputs.schema.FieldType.Scalar.NONE;
import static dev.hakobu.outputs.schema.FieldType.Scalar.STRING;
import static dev.hakobu.outputs.schema.FieldType.Scalar.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.FieldType.Struct;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The widening rules as a table: a, b, widen(a, b) (and widen(b, a), the same but for member order). */
class TypeWideningTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(BIGINT, BIGINT, BIGINT),
                Arguments.of(BIGINT, DOUBLE, DOUBLE),
                Arguments.of(BIGINT, STRING, STRING),
                Arguments.of(DOUBLE, STRING, STRING),
                Arguments.of(BOOLEAN, BIGINT, STRING),
                Arguments.of(TIMESTAMP, BIGINT, STRING),
                Arguments.of(BIGINT, NONE, BIGINT),
                Arguments.of(NONE, NONE, NONE),
                Arguments.of(EMPTY, NONE, EMPTY),
                Arguments.of(EMPTY, BIGINT, STRING),
                Arguments.of(EMPTY, STRING, STRING),
                Arguments.of(EMPTY, struct("a", BIGINT), struct("a", BIGINT)),
                Arguments.of(EMPTY, new ListOf(BIGINT), new ListOf(BIGINT)),
                Arguments.of(struct("a", BIGINT), STRING, STRING),
                Arguments.of(struct("a", BIGINT), new ListOf(BIGINT), STRING),
                Arguments.of(new ListOf(BIGINT), STRING, STRING),
                Arguments.of(new ListOf(BIGINT), new ListOf(DOUBLE), new ListOf(DOUBLE)),
                Arguments.of(
                        new ListOf(BIGINT), new ListOf(struct("k", STRING)), new ListOf(STRING)),
                Arguments.of(
                        struct("a", BIGINT, "b", STRING),
                        struct("b", STRING, "c", BOOLEAN),
                        struct("a", BIGINT, "b", STRING, "c", BOOLEAN)),
                Arguments.of(
                        struct("a", BIGINT, "n", struct("x", BIGINT)),
                        struct("a", DOUBLE, "n", struct("x", STRING, "y", BIGINT)),
                        struct("a", DOUBLE, "n", struct("x", STRING, "y", BIGINT))));
    }

    /** Both ways: the members of a struct are in first-seen order, so widen(b, a) may list them otherwise. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @MethodSource("rules")
    void widensBothWaysToTheTypeTheTableSays(FieldType a, FieldType b, FieldType widened) {
        assertThat(TypeWidening.widen(a, b).text()).isEqualTo(widened.text());
        assertThat(TypeWidening.widen(b, a)).isEqualTo(widened);
    }

    static Stream<Arguments> kindChanges() {
        return Stream.of(
                Arguments.of(BIGINT, STRING, true),
                Arguments.of(BIGINT, DOUBLE, true),
                Arguments.of(NONE, BIGINT, false),
                Arguments.of(struct("a", BIGINT), struct("a", BIGINT, "b", STRING), false),
                Arguments.of(struct("a", BIGINT), struct("a", STRING), true),
                Arguments.of(struct("a", BIGINT), STRING, true),
                Arguments.of(new ListOf(BIGINT), new ListOf(DOUBLE), true));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("kindChanges")
    void aNewMemberIsNoChangeOfKindAnotherTypeIs(FieldType from, FieldType to, boolean changes) {
        assertThat(TypeWidening.changesKind(from, to)).isEqualTo(changes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void typesPrintInAthenasSyntax(FieldType type, String text) {
        assertThat(type.text()).isEqualTo(text);
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of(NONE, "string"),
                Arguments.of(TIMESTAMP, "timestamp"),
                Arguments.of(new ListOf(struct("a b", BIGINT)), "array<struct<`a b`:bigint>>"),
                Arguments.of(
                        struct("x", new ListOf(DOUBLE), "Y", BOOLEAN),
                        "struct<x:array<double>,`Y`:boolean>"));
    }

    static Struct struct(Object... nameTypes) {
        Map<String, FieldType> members = new LinkedHashMap<>();
        for (int i = 0; i < nameTypes.length; i += 2) {
            members.put((String) nameTypes[i], (FieldType) nameTypes[i + 1]);
        }
        return new Struct(members);
    }
}
