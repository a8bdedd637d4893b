package dev.hakobu.outputs.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Calls where some records fail, as PutRecords reports them (an error code per entry, the call itself
 * 200), against a stand-in client that records every call: only the failed records are sent again.
 */
class KinesisPartialFailureTest {
    @TempDir Path dir;

    /** Fails the records whose seq is in the next scripted set; remembers what each call carried. */
    private static class ScriptedKinesis implements KinesisClient {
        final Deque<Set<Integer>> failures = new ArrayDeque<>();
        final List<List<Integer>> calls = new ArrayList<>();

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            Set<Integer> fail = failures.isEmpty() ? Set.of() : failures.poll();
            List<Integer> seqs = new ArrayList<>();
            List<PutRecordsResultEntry> results = new ArrayList<>();
            for (var e : request.records()) {
                int seq =
                        Integer.parseInt(
                                e.data()
                                        .asString(StandardCharsets.UTF_8)
                                        .replaceAll(".*\"seq\":(\\d+).*\\s*", "$1"));
                seqs.add(seq);
                results.add(
                        fail.contains(seq)
                                ? seq % 2 == 0
                                        ? PutRecordsResultEntry.builder()
                                                .errorCode("ProvisionedThroughputExceededException")
                                                .errorMessage(
                                                        "Rate exceeded for shard shardId-000000000000 in stream s under account 123456789012.")
                                                .build()
                                        : PutRecordsResultEntry.builder()
                                                .errorCode("InternalFailure")
                                                .errorMessage("Internal service failure.")
                                                .build()
                                : PutRecordsResultEntry.builder()
                                        .shardId("shardId-000000000000")
                                        .sequenceNumber("4959" + seq)
                                        .build());
            }
            calls.add(seqs);
            return PutRecordsResponse.builder()
                    .failedRecordCount((int) seqs.stream().filter(fail::contains).count())
                    .records(results)
                    .build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {}
    }

    private final List<Duration> pauses = new ArrayList<>();

    private KinesisOutput output(ScriptedKinesis client, Duration maxRetryTime) {
        KinesisOutputConfig c =
                KinesisOutputTest.config("http://127.0.0.1:9", "s", Optional.empty(), false);
        c =
                new KinesisOutputConfig(
                        c.stream(),
                        c.region(),
                        c.endpoint(),
                        c.credentials(),
                        c.partitionKeyField(),
                        c.timeZone(),
                        c.eventTime(),
                        c.tagKey(),
                        false,
                        c.aggregationMaxBytes(),
                        new dev.hakobu.outputs.retry.ItemRetryConfig(
                                Duration.ofMillis(100), Duration.ofSeconds(1), maxRetryTime));
        return new KinesisOutput(
                c,
                new OutputContext("k", "n1", Clock.systemUTC(), dir),
                client,
                pauses::add,
                new SplittableRandom(1));
    }

    @Test
    void onlyTheRecordsACallReportsFailedAreSentAgainAfterABackoff() {
        ScriptedKinesis kinesis = new ScriptedKinesis();
        kinesis.failures.add(Set.of(1, 4));
        kinesis.failures.add(Set.of(4));
        Chunk chunk = KinesisOutputTest.devices("c1", 6, 2);

        WriteResult r = output(kinesis, Duration.ofSeconds(30)).write(chunk);

        assertThat(r).isEqualTo(WriteResult.DELIVERED);
        assertThat(kinesis.calls)
                .containsExactly(List.of(0, 1, 2, 3, 4, 5), List.of(1, 4), List.of(4));
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void whenTheBudgetRunsOutTheChunkIsLeftForRetryAndTheNextTrySendsOnlyWhatKinesisDidNotTake() {
        ScriptedKinesis kinesis = new ScriptedKinesis();
        kinesis.failures.add(Set.of(2, 3));
        KinesisOutput out = output(kinesis, Duration.ZERO);
        Chunk chunk = KinesisOutputTest.devices("c2", 5, 2);

        WriteResult first = out.write(chunk);
        WriteResult second = out.write(chunk);

        assertThat(first)
                .isInstanceOfSatisfying(
                        WriteResult.Retry.class,
                        retry ->
                                assertThat(retry.reason())
                                        .contains("2 of 5 records", "InternalFailure"));
        assertThat(second).isEqualTo(WriteResult.DELIVERED);
        assertThat(kinesis.calls).containsExactly(List.of(0, 1, 2, 3, 4), List.of(2, 3));
        assertThat(out.counters().orElseThrow().recordsDelivered.sum()).isEqualTo(5);
    }

    @Test
    void aCallThatFailsAsAWholeIsSentAgainWhole() {
        ScriptedKinesis kinesis =
                new ScriptedKinesis() {
                    boolean failed;

                    @Override
                    public PutRecordsResponse putRecords(PutRecordsRequest request) {
                        if (!failed) {
                            failed = true;
                            throw software.amazon.awssdk.core.exception.SdkClientException.create(
                                    "Connection reset");
                        }
                        return super.putRecords(request);
                    }
                };
        KinesisOutput out = output(kinesis, Duration.ofSeconds(30));
        assertThat(out.write(KinesisOutputTest.devices("c3", 3, 1)))
                .isEqualTo(WriteResult.DELIVERED);
        assertThat(kinesis.calls).containsExactly(List.of(0, 1, 2));
        assertThat(
                        out.counters()
                                .orElseThrow()
                                .requestErrors(
                                        dev.hakobu.output.OutputCounters.ErrorType.UNREACHABLE))
                .isEqualTo(1);
    }
}
