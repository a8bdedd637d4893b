package dev.hakobu.aggregator.buffer;

/**
 * A snapshot of one buffer's counters (since this process started, except the gauges).
 *
 * @param usedBytes        gauge: bytes of chunk files this buffer holds
 * @param waitingChunks    gauge: closed chunks not yet delivered (in flight included)
 * @param duplicateEvents  events not appended because this buffer held or had delivered their batch already
 * @param blockedAppends   appends that had to wait for room (overflow: block)
 * @param droppedEvents    events deleted by overflow: drop_oldest
 */
public record BufferStats(
        long usedBytes,
        int openChunks,
        int waitingChunks,
        long appendedEvents,
        long duplicateEvents,
        long deliveredChunks,
        long blockedAppends,
        long droppedChunks,
        long droppedEvents,
        long quarantinedChunks,
        long deadLetteredChunks) {}
