package dev.hakobu.outputs.deadletter;

/**
 * One record of a chunk that a sink refused for good, with the sink's reason.
 *
 * @param index      the record's position in its chunk (0-based)
 * @param epochNanos the event time
 * @param record     the msgpack record map (a copy: it outlives the chunk buffer)
 */
public record DeadLetter(int index, long epochNanos, byte[] record, String reason) {}
