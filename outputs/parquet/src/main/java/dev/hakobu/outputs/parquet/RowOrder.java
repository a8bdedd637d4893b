package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.TagField;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * {@code sort_by}: puts an object's held records in the order its rows are written, so that the min/max of
 * each page and row group cover narrow, ascending ranges of the first sort field and readers skip the rest.
 * Records are ordered by the fields in turn ({@link SortKeys} says how values compare), then by event time;
 * records equal in all of these keep the order they arrived in. A sort field that names the event time's or
 * the tag's column is left out: those columns hold the event time (the last key anyway) and the chunk's tag
 * (the same in every row), not the record's own field of that name.
 *
 * <p>The keys are read once per record, an index is sorted, and the records are copied in that order into a
 * new buffer of the same size: the writer's two passes then read it front to back as before, at the cost of
 * holding the object's records twice while sorting (a chunk is a few MiB).
 */
final class RowOrder {
    private final List<String> fields;

    /**
     * @param fields  the top-level fields to sort by, in order
     * @param columns the names of the event time's and the tag's columns, when the object has them
     */
    RowOrder(List<String> fields, Collection<String> columns) {
        this.fields = fields.stream().filter(f -> !columns.contains(f)).toList();
    }

    /** The order {@code context}'s {@code sort_by} asks for, in an object with its time and tag columns. */
    static RowOrder of(EncodingContext context) {
        List<String> columns =
                Stream.of(
                                context.eventTime().map(EventTimeField::key),
                                context.tag().map(TagField::key))
                        .flatMap(Optional::stream)
                        .toList();
        return new RowOrder(context.columnar().sortBy(), columns);
    }

    /** The records in the object's order. */
    record Rows(byte[] bytes, long[] times) {}

    /**
     * Orders {@code count} records held in {@code bytes[0, used)} with their event times in {@code times}.
     * The arguments are left as they were.
     */
    Rows sort(byte[] bytes, int used, long[] times, int count) throws IOException {
        SortKeys keys = new SortKeys(fields, bytes, count);
        int[] starts = new int[count + 1];
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes, 0, used)) {
            for (int i = 0; i < count; i++) {
                starts[i] = (int) unpacker.getTotalReadBytes();
                keys.read(unpacker, i);
            }
        }
        starts[count] = used;
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        // Arrays.sort of objects is a stable merge sort: ties keep arrival order
        Arrays.sort(
                order,
                (a, b) -> {
                    int c = keys.compare(a, b);
                    return c != 0 ? c : Long.compare(times[a], times[b]);
                });
        byte[] sorted = new byte[used];
        long[] sortedTimes = new long[count];
        int at = 0;
        for (int k = 0; k < count; k++) {
            int i = order[k];
            int len = starts[i + 1] - starts[i];
            System.arraycopy(bytes, starts[i], sorted, at, len);
            at += len;
            sortedTimes[k] = times[i];
        }
        return new Rows(sorted, sortedTimes);
    }
}
