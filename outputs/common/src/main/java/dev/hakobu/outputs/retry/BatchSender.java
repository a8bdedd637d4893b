package dev.hakobu.outputs.retry;

import java.util.Collections;
import java.util.List;

/**
 * One request to a batch API that answers per item (an Elasticsearch bulk request, a Kinesis
 * PutRecords call): the one thing an output tells {@link PartialRetryWriter}.
 *
 * <p>Contract: {@link #send} counts the request, its bytes and request-level errors itself; it reports
 * expected failures (unreachable, throttled, refused) as a {@link Reply}, never as an exception.
 */
@FunctionalInterface
public interface BatchSender<I> {
    /** Sends {@code request} (already within the API's limits) and says what became of its items. */
    Reply send(List<I> request);

    /** The answer to one request. */
    sealed interface Reply {
        /** Every item answered Delivered. */
        static Reply allDelivered(int items) {
            return new PerItem(Collections.nCopies(items, ItemOutcome.DELIVERED));
        }

        /** One outcome per item of the request, in request order. */
        record PerItem(List<ItemOutcome> outcomes) implements Reply {}

        /** The request failed as a whole for a reason that may pass: every item of it is sent again. */
        record RetryAll(String reason) implements Reply {}

        /** The sink refuses the request itself, so no try can succeed: the whole chunk is rejected. */
        record RejectChunk(String reason) implements Reply {}
    }
}
