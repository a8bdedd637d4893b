package dev.hakobu.event;

/** Receives the entries of a PackedForward buffer from {@link EntryReader}, on the reading thread. */
@FunctionalInterface
public interface EntryVisitor {

    /**
     * One entry. The record bytes are a msgpack map inside {@code buf}, valid only during this call
     * unless the caller owns {@code buf}.
     */
    void visit(long epochNanos, byte[] buf, int recordOffset, int recordLength);
}
