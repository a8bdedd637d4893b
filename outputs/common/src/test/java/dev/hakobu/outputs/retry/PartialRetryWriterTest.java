package dev.hakobu.outputs.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.deadletter.DeadLetter;
import dev.hakobu.outputs.deadletter.DeadLetterWriter;
import dev.hakobu.outputs.retry.BatchSender.Reply;
import dev.hakobu.outputs.retry.PartialRetryWriter.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialRetryWriterTest {
    /** An item as a sink sees it; {@code records} of the chunk travel in it (a KPL aggregate carries several). */
    private record Item(String name, int records) {}

    /**
     * Answers each item from its script (Delivered once the script is empty), or a whole request from
     * {@code requestReplies} while that has entries; remembers the names in every request.
     */
    private static final class ScriptedSender implements BatchSender<Item> {
        final Map<String, Deque<ItemOutcome>> items = new HashMap<>();
        final Deque<Reply> requestReplies = new ArrayDeque<>();
        final List<List<String>> requests = new ArrayList<>();

        ScriptedSender answer(String item, ItemOutcome... outcomes) {
            items.computeIfAbsent(item, k -> new ArrayDeque<>()).addAll(List.of(outcomes));
            return this;
        }

        @Override
        public Reply send(List<Item> request) {
            requests.add(request.stream().map(Item::name).toList());
            if (!requestReplies.isEmpty()) {
                return requestReplies.poll();
            }
            List<ItemOutcome> outcomes = new ArrayList<>();
            for (Item item : request) {
                Deque<ItemOutcome> script = items.get(item.name());
                outcomes.add(
                        script == null || script.isEmpty() ? ItemOutcome.DELIVERED : script.poll());
            }
            return new Reply.PerItem(outcomes);
        }
    }

    /** Draws the top of every jitter range, so each delay is exactly min * 2^(attempt-1). */
    private static final RandomGenerator NO_JITTER =
            new RandomGenerator() {
                @Override
                public long nextLong() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long nextLong(long bound) {
                    return bound - 1;
                }
            };

    private static final Item A = new Item("a", 1);
    private static final Item B = new Item("b", 3);
    private static final Item C = new Item("c", 1);

    @TempDir Path dir;

    private final List<Duration> pauses = new ArrayList<>();
    private final OutputCounters counters = new OutputCounters();
    private final ScriptedSender sender = new ScriptedSender();
    private Chunk chunk;

    @BeforeEach
    void chunk() {
        chunk = TestChunks.chunk("c1", "app", List.of());
    }

    /** Requests of two items; 100 ms, 200 ms, 400 ms... between tries, within {@code maxTime} in all. */
    private PartialRetryWriter<Item> writer(Duration maxTime, Path deadLetterDir) {
        ItemRetryConfig retry =
                new ItemRetryConfig(Duration.ofMillis(100), Duration.ofSeconds(5), maxTime);
        return new PartialRetryWriter<>(
                PartialRetryWriterTest::pairs,
                Item::records,
                () -> retry.budget(NO_JITTER, pauses::add),
                new DeadLetterWriter(deadLetterDir, "out"),
                counters);
    }

    private PartialRetryWriter<Item> writer(Duration maxTime) {
        return writer(maxTime, dir);
    }

    private static List<List<Item>> pairs(List<Item> items) {
        List<List<Item>> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            requests.add(items.subList(i, Math.min(i + 2, items.size())));
        }
        return requests;
    }

    private static DeadLetter letter(int index, String reason) {
        try {
            return new DeadLetter(
                    index,
                    1_597_371_753_000_000_000L,
                    TestChunks.pack(Map.of("size", "big")),
                    reason);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anItemAnsweredRetryIsSentAloneAfterABackoffAndThenTheWriteIsDelivered() {
        sender.answer("b", new ItemOutcome.Retry("429 es_rejected_execution_exception"));

        Outcome outcome = writer(Duration.ofSeconds(30)).write(chunk, List.of(A, B, C), sender);

        assertThat(outcome).isEqualTo(new Outcome.Delivered(List.of()));
        assertThat(sender.requests).containsExactly(List.of("a", "b"), List.of("c"), List.of("b"));
        assertThat(pauses).containsExactly(Duration.ofMillis(100));
        assertThat(counters.recordsDelivered.sum()).isEqualTo(5);
        assertThat(counters.recordsRetried.sum()).as("b carries three records").isEqualTo(3);
        assertThat(counters.recordsDeadLettered.sum()).isZero();
    }

    @Test
    void aRefusedItemIsDeadLetteredDurablyBeforeTheWriteIsDeliveredAndNeverSentAgain()
            throws Exception {
        DeadLetter refused =
                letter(1, "400 mapper_parsing_exception: failed to parse field [size]");
        sender.answer("b", new ItemOutcome.Refused(refused));

        Outcome outcome = writer(Duration.ofSeconds(30)).write(chunk, List.of(A, B, C), sender);

        assertThat(outcome).isEqualTo(new Outcome.Delivered(List.of(refused)));
        assertThat(sender.requests).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(pauses).isEmpty();
        List<String> lines = Files.readAllLines(dir.resolve("c1.records.jsonl"));
        assertThat(lines)
                .singleElement()
                .asString()
                .contains(
                        "\"index\":1",
                        "\"reason\":\"400 mapper_parsing_exception: failed to parse field [size]\"");
        assertThat(counters.recordsDeadLettered.sum()).isEqualTo(1);
        assertThat(counters.recordsDelivered.sum()).isEqualTo(2);
    }

    @Test
    void whenTheBudgetIsSpentTheItemsLeftAreHandedBackWithTheLastProblem() {
        sender.answer(
                "b",
                new ItemOutcome.Retry("503 unavailable_shards_exception"),
                new ItemOutcome.Retry("429 throttled"),
                new ItemOutcome.Retry("503 again"));

        Outcome outcome = writer(Duration.ofMillis(350)).write(chunk, List.of(A, B, C), sender);

        assertThat(outcome).isEqualTo(new Outcome.Left(3, 2, "503 again", List.of()));
        assertThat(pauses)
                .as("100 + 200 ms fit in 350 ms, 400 more would not")
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(sender.requests)
                .containsExactly(List.of("a", "b"), List.of("c"), List.of("b"), List.of("b"));
        assertThat(counters.recordsRetried.sum()).isEqualTo(6);
        assertThat(counters.recordsDelivered.sum()).isEqualTo(2);
    }

    @Test
    void aRequestThatFailsAsAWholeIsSentAgainWhole() {
        sender.requestReplies.add(
                new Reply.RetryAll("cannot reach http://127.0.0.1:9200: connection refused"));

        Outcome outcome = writer(Duration.ofSeconds(30)).write(chunk, List.of(A, B, C), sender);

        assertThat(outcome).isEqualTo(new Outcome.Delivered(List.of()));
        assertThat(sender.requests)
                .containsExactly(List.of("a", "b"), List.of("c"), List.of("a", "b"));
        assertThat(counters.recordsRetried.sum()).isEqualTo(4);
        assertThat(counters.recordsDelivered.sum()).isEqualTo(5);
    }

    @Test
    void aRequestRefusedAsAWholeEndsTheWriteWithoutDeadLettersOrFurtherRequests() {
        sender.requestReplies.add(
                new Reply.PerItem(
                        List.of(
                                new ItemOutcome.Refused(letter(0, "400 bad")),
                                ItemOutcome.DELIVERED)));
        sender.requestReplies.add(new Reply.RejectChunk("bulk request answered 413: too large"));

        Outcome outcome =
                writer(Duration.ofSeconds(30))
                        .write(chunk, List.of(A, B, C, new Item("d", 1), new Item("e", 1)), sender);

        assertThat(outcome).isEqualTo(new Outcome.Rejected("bulk request answered 413: too large"));
        assertThat(sender.requests).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(dir.resolve("c1.records.jsonl")).doesNotExist();
        assertThat(counters.recordsDeadLettered.sum()).isZero();
    }

    @Test
    void whenTheDeadLetterFolderCannotBeWrittenNothingCountsAsDelivered() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        sender.answer("b", new ItemOutcome.Refused(letter(1, "400 bad")));

        Outcome outcome =
                writer(Duration.ofSeconds(30), notADirectory)
                        .write(chunk, List.of(A, B, C), sender);

        assertThat(outcome).isInstanceOf(Outcome.DeadLettersNotWritten.class);
        assertThat(counters.recordsDeadLettered.sum()).isZero();
    }
}
