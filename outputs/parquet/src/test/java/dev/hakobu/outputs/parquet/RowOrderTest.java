package dev.hakobu.outputs.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/** How {@code sort_by} orders records: by kind, then within a kind, then by event time, ties as they came. */
class RowOrderTest {
    /** Sorts records {@code (seq, key value)} with event times {@code times}; returns the seqs in order. */
    private static List<Long> order(
            List<String> fields, List<Map<String, Object>> records, long[] times) throws Exception {
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        for (Map<String, Object> record : records) {
            held.write(S1Records.pack(record));
        }
        byte[] bytes = held.toByteArray();
        RowOrder.Rows rows =
                new RowOrder(fields, List.of("time", "tag"))
                        .sort(bytes, bytes.length, times, records.size());
        assertThat(rows.bytes()).hasSize(bytes.length);
        List<Long> seqs = new ArrayList<>();
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(rows.bytes())) {
            for (int i = 0; i < records.size(); i++) {
                Value record = unpacker.unpackValue();
                long seq =
                        record.asMapValue()
                                .map()
                                .get(ValueFactory.newString("seq"))
                                .asIntegerValue()
                                .asLong();
                seqs.add(seq);
                assertThat(rows.times()[i]).isEqualTo(times[(int) seq]);
            }
        }
        return seqs;
    }

    private static Map<String, Object> record(long seq, Object key) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("seq", seq);
        if (key != MISSING) {
            record.put("k", key);
        }
        return record;
    }

    private static final Object MISSING = new Object();

    private static long[] sameTime(int n) {
        return new long[n];
    }

    @Test
    void numbersCompareNumericallyIntegersAndFloatsTogether() throws Exception {
        List<Map<String, Object>> records =
                List.of(
                        record(0, 10L),
                        record(1, 9.5),
                        record(2, -3L),
                        record(3, new BigInteger("18446744073709551615")),
                        record(4, 9L),
                        record(5, Long.MAX_VALUE),
                        record(6, 9.0));

        assertThat(order(List.of("k"), records, sameTime(7)))
                .containsExactly(2L, 4L, 6L, 1L, 0L, 5L, 3L);
    }

    @Test
    void stringsCompareByTheirUtf8BytesUnsigned() throws Exception {
        List<Map<String, Object>> records =
                List.of(
                        record(0, "camera10"),
                        record(1, "é"),
                        record(2, "Z"),
                        record(3, "camera2"),
                        record(4, "a"),
                        record(5, "camera1"));

        assertThat(order(List.of("k"), records, sameTime(6)))
                .containsExactly(2L, 4L, 5L, 0L, 3L, 1L);
    }

    @Test
    void kindsGoNumbersStringsBooleansNestedThenNullAndMissingLast() throws Exception {
        List<Map<String, Object>> records =
                List.of(
                        record(0, MISSING),
                        record(1, List.of(1)),
                        record(2, true),
                        record(3, "x"),
                        record(4, null),
                        record(5, 7L),
                        record(6, false),
                        record(7, Map.of("a", 1)));

        assertThat(order(List.of("k"), records, sameTime(8)))
                .containsExactly(5L, 3L, 6L, 2L, 1L, 7L, 0L, 4L);
    }

    @Test
    void thenByEventTimeThenInArrivalOrder() throws Exception {
        List<Map<String, Object>> records =
                List.of(
                        record(0, "b"),
                        record(1, "a"),
                        record(2, "b"),
                        record(3, "a"),
                        record(4, "b"),
                        record(5, "a"));
        long[] times = {30, 20, 10, 20, 10, 5};

        assertThat(order(List.of("k"), records, times)).containsExactly(5L, 1L, 3L, 2L, 4L, 0L);
    }

    @Test
    void laterFieldsBreakTiesOfEarlierOnes() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (long seq = 0; seq < 6; seq++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("seq", seq);
            record.put("camera_id", seq % 2 == 0 ? "c2" : "c1");
            record.put("status", 300 - seq);
            records.add(record);
        }

        assertThat(order(List.of("camera_id", "status"), records, sameTime(6)))
                .containsExactly(5L, 3L, 1L, 4L, 2L, 0L);
    }

    @Test
    void fieldsNamingTheTimeOrTagColumnAreLeftOutForTheyHoldTheEventTimeAndTheTag()
            throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (long seq = 0; seq < 4; seq++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("seq", seq);
            record.put("tag", "t" + (3 - seq));
            record.put("time", "z" + (3 - seq));
            record.put("k", seq < 2 ? "b" : "a");
            records.add(record);
        }

        assertThat(order(List.of("tag", "time", "k"), records, new long[] {4, 3, 2, 1}))
                .containsExactly(3L, 2L, 1L, 0L);
        assertThat(order(List.of("time", "k"), records, new long[] {1, 2, 3, 4}))
                .containsExactly(2L, 3L, 0L, 1L);
    }

    @Test
    void compareLongDoubleIsExact() {
        assertThat(SortKeys.compareLongDouble(9_007_199_254_740_993L, 9_007_199_254_740_992.0))
                .isEqualTo(1);
        assertThat(SortKeys.compareLongDouble(3, 3.0)).isZero();
        assertThat(SortKeys.compareLongDouble(3, 3.5)).isEqualTo(-1);
        assertThat(SortKeys.compareLongDouble(-4, -3.5)).isEqualTo(-1);
        assertThat(SortKeys.compareLongDouble(Long.MAX_VALUE, 0x1p63)).isEqualTo(-1);
        assertThat(SortKeys.compareLongDouble(Long.MIN_VALUE, -0x1p63)).isZero();
        assertThat(SortKeys.compareLongDouble(0, Double.NaN)).isEqualTo(-1);
    }
}
