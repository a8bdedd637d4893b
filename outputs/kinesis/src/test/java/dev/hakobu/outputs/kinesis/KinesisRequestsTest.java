package dev.hakobu.outputs.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Call limits, KPL packing and per-entry verdicts, without a server. */
class KinesisRequestsTest {
    private static KinesisEntry entry(int i, int bytes) {
        return new KinesisEntry("k" + i, new byte[bytes], new int[] {i});
    }

    @Test
    void callsCarryAtMost500Records() {
        List<KinesisEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1201; i++) {
            entries.add(entry(i, 10));
        }
        assertThat(PutRecordsBatcher.split(entries))
                .extracting(List::size)
                .containsExactly(500, 500, 201);
    }

    @Test
    void callsCarryAtMost5MiBOfDataAndKeys() {
        List<KinesisEntry> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entries.add(entry(i, 1_000_000));
        }
        List<List<KinesisEntry>> calls = PutRecordsBatcher.split(entries);
        assertThat(calls).extracting(List::size).containsExactly(5, 5, 2);
        assertThat(calls)
                .allMatch(
                        c ->
                                c.stream().mapToLong(KinesisEntry::size).sum()
                                        <= KinesisLimits.MAX_BYTES_PER_CALL);
    }

    @Test
    void aggregatesStayUnderTheirLimitKeepOneKeyEachAndUnpackToTheSameRecordsInOrder()
            throws Exception {
        List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(
                    new UserRecord(
                            i,
                            i % 3 == 0 ? "lock-a" : "lock-b",
                            ("{\"seq\":" + i + "}\n").getBytes(StandardCharsets.UTF_8)));
        }
        List<KinesisEntry> entries =
                new KplAggregator(1024).pack(records, Optional.empty(), () -> "random");

        List<String> unpacked = new ArrayList<>();
        for (KinesisEntry e : entries) {
            assertThat(e.data().length).isLessThanOrEqualTo(1024);
            for (KplDeaggregator.UserRecord u :
                    KplDeaggregator.unpack(e.partitionKey(), e.data())) {
                assertThat(u.partitionKey()).isEqualTo(e.partitionKey());
                unpacked.add(
                        u.partitionKey()
                                + " "
                                + new String(u.data(), StandardCharsets.UTF_8).strip());
            }
            assertThat(e.sources()).hasSizeGreaterThan(1);
        }
        List<String> expected = new ArrayList<>();
        records.stream()
                .filter(r -> r.partitionKey().equals("lock-a"))
                .forEach(r -> expected.add("lock-a " + new String(r.data()).strip()));
        records.stream()
                .filter(r -> r.partitionKey().equals("lock-b"))
                .forEach(r -> expected.add("lock-b " + new String(r.data()).strip()));
        assertThat(unpacked).containsExactlyElementsOf(expected);
    }

    @Test
    void aLoneRecordIsSentPlainWithARandomKeyWhenItHasNone() throws Exception {
        List<KinesisEntry> entries =
                new KplAggregator(1024)
                        .pack(
                                List.of(new UserRecord(7, null, "{}\n".getBytes())),
                                Optional.empty(),
                                () -> "r1");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).partitionKey()).isEqualTo("r1");
        assertThat(KplDeaggregator.isAggregated(entries.get(0).data())).isFalse();
        assertThat(entries.get(0).sources()).containsExactly(7);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', DELIVERED",
        "ProvisionedThroughputExceededException, RETRY",
        "InternalFailure, RETRY",
        "KMSThrottlingException, RETRY",
        "KMSDisabledException, RETRY",
    })
    void everyErrorAnEntryCanCarryIsAboutTheStreamSoTheRecordIsRetried(
            String code, KinesisErrorClassifier.Verdict expected) {
        assertThat(KinesisErrorClassifier.entry(code.isEmpty() ? null : code)).isEqualTo(expected);
    }
}
