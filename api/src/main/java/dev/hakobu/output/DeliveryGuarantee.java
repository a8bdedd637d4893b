package dev.hakobu.output;

import java.util.Locale;

/**
 * What a sink ends up holding when a chunk is written more than once. Every output is written at least
 * once: the aggregator deletes a chunk from its buffer only after {@link WriteResult.Delivered} and writes
 * it again after a Retry, a crash or a restart, always under the same chunk id. The guarantee says what
 * that second write does. Each output states its own in {@link Output#deliveryGuarantee()}.
 */
public enum DeliveryGuarantee {
    /**
     * A chunk written again lands on what an earlier try stored (object keys, file names or document ids
     * derive from the chunk id), so the sink holds each record once.
     */
    AT_LEAST_ONCE_IDEMPOTENT,
    /** A chunk written again may store some of its records a second time: readers must tolerate duplicates. */
    AT_LEAST_ONCE,
    /** Records are counted and dropped on purpose; nothing is stored (the null output). */
    DISCARDED;

    /** The name as {@code /api/status} shows it: {@code at_least_once_idempotent}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
