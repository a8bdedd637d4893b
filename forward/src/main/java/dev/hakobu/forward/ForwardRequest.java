package dev.hakobu.forward;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.TimeSpan;
import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded forward frame, whatever mode the client used, in PackedForward form.
 *
 * @param tag     the event tag
 * @param entries concatenated msgpack {@code [time, record]} arrays, exactly as the client encoded them
 *                (time is an integer, a float or an EventTime ext); read them with {@link EntryReader}
 * @param count   how many entries {@code entries} holds (counted, not taken from the {@code size} option)
 * @param chunk   the {@code chunk} option, or {@code null} when the client wants no ack
 * @param times   the earliest and latest event time among the entries
 */
public record ForwardRequest(String tag, byte[] entries, int count, String chunk, TimeSpan times) {

    public ForwardRequest(String tag, byte[] entries, int count, String chunk) {
        this(tag, entries, count, chunk, TimeSpan.UNKNOWN);
    }

    public ForwardRequest {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(times, "times");
        if (count < 0) {
            throw new IllegalArgumentException("count cannot be negative");
        }
    }

    /** Compares {@code entries} by content, unlike the default record equality. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ForwardRequest r
                && tag.equals(r.tag)
                && count == r.count
                && Objects.equals(chunk, r.chunk)
                && Arrays.equals(entries, r.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, count, chunk) * 31 + Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        return "ForwardRequest[tag="
                + tag
                + ", entries="
                + entries.length
                + " bytes, count="
                + count
                + ", chunk="
                + chunk
                + "]";
    }
}
