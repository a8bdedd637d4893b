package dev.hakobu.outputs.retry;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.outputs.deadletter.DeadLetter;
import dev.hakobu.outputs.deadletter.DeadLetterWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The write loop of an output whose sink answers per item (Vector's {@code RetryPartial}): send every
 * item in requests, then send again only the items answered Retry, with the write's {@link RetryBudget}
 * backoff, until none is left or the budget is spent. Items answered Refused go, with the sink's reason,
 * to the dead-letter folder once the loop ends; a request the sink refuses as a whole ends the write.
 *
 * <p>Contract: nothing is acknowledged here; the {@link Outcome} says what the caller may report.
 * {@link Outcome.Delivered} comes only once every item was delivered or its dead letter is durably on
 * disk ({@link DeadLetterWriter#write} returned), so the chunk may be reported Delivered. After
 * {@link Outcome.Left} the refused items are durably dead-lettered too, and the rest is the caller's to
 * hand back as Retry. After {@link Outcome.Rejected} nothing was dead-lettered.
 *
 * <p>Counts records delivered, retried and dead-lettered ({@link BatchSender} counts requests, bytes
 * and request errors). Thread-safe: a write keeps its state on its own stack.
 *
 * @param <I> an item as the sink sees it; it may carry several records of the chunk
 */
public final class PartialRetryWriter<I> {
    private final Function<List<I>, List<List<I>>> requests;
    private final ToIntFunction<I> records;
    private final Supplier<RetryBudget> budgets;
    private final DeadLetterWriter deadLetters;
    private final OutputCounters counters;

    /**
     * @param requests splits items into requests within the API's limits, keeping their order
     * @param records  how many records of the chunk an item carries (for counters and {@link Outcome.Left})
     * @param budgets  a fresh retry budget for each write
     */
    public PartialRetryWriter(
            Function<List<I>, List<List<I>>> requests,
            ToIntFunction<I> records,
            Supplier<RetryBudget> budgets,
            DeadLetterWriter deadLetters,
            OutputCounters counters) {
        this.requests = requests;
        this.records = records;
        this.budgets = budgets;
        this.deadLetters = deadLetters;
        this.counters = counters;
    }

    /** How a write ended. */
    public sealed interface Outcome {
        /** Every item was delivered or durably dead-lettered ({@code deadLettered}, maybe empty). */
        record Delivered(List<DeadLetter> deadLettered) implements Outcome {}

        /**
         * Items still not delivered when the budget was spent (or the thread interrupted).
         *
         * @param records      records of the chunk in those items
         * @param retries      retries waited for in this write
         * @param lastProblem  the last reason the sink gave for an item or a request to be sent again
         * @param deadLettered refused items, durably dead-lettered
         */
        record Left(int records, int retries, String lastProblem, List<DeadLetter> deadLettered)
                implements Outcome {}

        /** A request was refused as a whole with {@code reason}; the write stopped there. */
        record Rejected(String reason) implements Outcome {}

        /** The refused items could not be written to the dead-letter folder: nothing may be reported delivered. */
        record DeadLettersNotWritten(IOException error) implements Outcome {}
    }

    /** Sends {@code items} of {@code chunk} through {@code sender}; see the class contract. */
    public Outcome write(Chunk chunk, List<I> items, BatchSender<I> sender) {
        List<DeadLetter> refused = new ArrayList<>();
        RetryBudget budget = budgets.get();
        List<I> pending = items;
        String lastProblem = null;
        while (true) {
            List<I> again = new ArrayList<>();
            for (List<I> request : requests.apply(pending)) {
                BatchSender.Reply reply = sender.send(request);
                if (reply instanceof BatchSender.Reply.RejectChunk reject) {
                    return new Outcome.Rejected(reject.reason());
                }
                String problem =
                        reply instanceof BatchSender.Reply.RetryAll all
                                ? retryAll(request, all.reason(), again)
                                : tally(
                                        request,
                                        ((BatchSender.Reply.PerItem) reply).outcomes(),
                                        again,
                                        refused);
                lastProblem = problem == null ? lastProblem : problem;
            }
            if (again.isEmpty() || Thread.currentThread().isInterrupted() || !budget.awaitNext()) {
                return settle(chunk, refused, again, lastProblem, budget.retries());
            }
            counters.recordsRetried.add(records(again));
            pending = again;
        }
    }

    private static <I> String retryAll(List<I> request, String reason, List<I> again) {
        again.addAll(request);
        return reason;
    }

    /** Counts the delivered items, queues the retriable ones and collects the refused; returns the last retry reason. */
    private String tally(
            List<I> request, List<ItemOutcome> outcomes, List<I> again, List<DeadLetter> refused) {
        if (outcomes.size() != request.size()) {
            throw new IllegalStateException(
                    outcomes.size() + " outcomes for a request of " + request.size() + " items");
        }
        String problem = null;
        for (int i = 0; i < request.size(); i++) {
            ItemOutcome outcome = outcomes.get(i);
            if (outcome instanceof ItemOutcome.Retry retry) {
                again.add(request.get(i));
                problem = retry.reason();
            } else if (outcome instanceof ItemOutcome.Refused r) {
                refused.add(r.letter());
            } else {
                counters.recordsDelivered.add(records.applyAsInt(request.get(i)));
            }
        }
        return problem;
    }

    private Outcome settle(
            Chunk chunk, List<DeadLetter> refused, List<I> left, String lastProblem, int retries) {
        try {
            if (deadLetters.write(chunk, refused) != null) {
                counters.recordsDeadLettered.add(refused.size());
            }
        } catch (IOException e) {
            return new Outcome.DeadLettersNotWritten(e);
        }
        List<DeadLetter> deadLettered = List.copyOf(refused);
        return left.isEmpty()
                ? new Outcome.Delivered(deadLettered)
                : new Outcome.Left(records(left), retries, lastProblem, deadLettered);
    }

    private int records(List<I> items) {
        int n = 0;
        for (I item : items) {
            n += records.applyAsInt(item);
        }
        return n;
    }
}
