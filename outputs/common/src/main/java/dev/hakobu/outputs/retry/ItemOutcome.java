package dev.hakobu.outputs.retry;

import dev.hakobu.outputs.deadletter.DeadLetter;

/** What a sink answered for one item of a request: the closed set a {@link BatchSender} reports. */
public sealed interface ItemOutcome {
    /** The one {@link Delivered} value. */
    ItemOutcome DELIVERED = new Delivered();

    /** Stored by the sink, now or by an earlier try of the same chunk. */
    record Delivered() implements ItemOutcome {}

    /** Not stored for a reason that may pass (throttling, a server error): the item is sent again. */
    record Retry(String reason) implements ItemOutcome {}

    /** Refused for good (the item itself is wrong for the sink): never sent again, dead-lettered. */
    record Refused(DeadLetter letter) implements ItemOutcome {}
}
