package dev.hakobu.forward;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryRepair;
import dev.hakobu.event.EntryVisitor;
import dev.hakobu.event.LogSafe;
import dev.hakobu.event.MalformedEventsException;
import dev.hakobu.event.TimeSpan;
import java.time.Clock;
import java.time.Instant;

/**
 * A frame's entries, validated, into a {@link ForwardRequest}: every entry read once (bin made text), the time
 * span found, and an entry whose time is well-formed but no usable time given the arrival time and a
 * {@code _time_error} field ({@link EntryRepair}). Holds no state of its own: safe on the event loop and on an
 * inflater thread.
 */
final class RequestBuilder {
    private final MemoryBudget budget;
    private final Clock clock; // the arrival time, for entries whose own time is unusable

    RequestBuilder(MemoryBudget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    /**
     * @param entries already counted in the budget; a repaired copy takes their place there
     * @throws ForwardProtocolException if the entries are malformed; their budget is then released
     */
    ForwardRequest build(String tag, Options options, byte[] entries) {
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        EntryVisitor times =
                (nanos, buf, recordOffset, recordLength) -> {
                    span[0] = Math.min(span[0], nanos);
                    span[1] = Math.max(span[1], nanos);
                };
        int count;
        try {
            try {
                count = EntryReader.readFromPeer(entries, 0, entries.length, times);
            } catch (EntryReader.BadEventTime e) {
                byte[] repaired = EntryRepair.withArrivalTime(entries, arrivalNanos());
                budget.acquire(repaired.length);
                budget.release(entries.length);
                entries = repaired;
                span[0] = Long.MAX_VALUE;
                span[1] = Long.MIN_VALUE;
                count = EntryReader.readFromPeer(entries, 0, entries.length, times);
            }
        } catch (ForwardProtocolException | MalformedEventsException e) {
            budget.release(entries.length);
            throw new ForwardProtocolException(
                    "tag " + LogSafe.escape(tag) + ": bad entries: " + e.getMessage(), e);
        }
        return new ForwardRequest(
                tag,
                entries,
                count,
                options.chunk(),
                count == 0 ? TimeSpan.UNKNOWN : new TimeSpan(span[0], span[1]));
    }

    private long arrivalNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
