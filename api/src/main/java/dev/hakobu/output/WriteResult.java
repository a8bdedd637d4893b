package dev.hakobu.output;

/** What a sink did with a chunk. A closed set: callers switch over it exhaustively. */
public sealed interface WriteResult {

    /** The sink holds every record of the chunk durably. */
    record Delivered() implements WriteResult {}

    /** Nothing (or nothing certain) was stored; try the whole chunk again later. */
    record Retry(String reason) implements WriteResult {}

    /** The sink will never take this chunk (bad data, forbidden); it goes to dead letters with the reason. */
    record Rejected(String reason) implements WriteResult {}

    WriteResult DELIVERED = new Delivered();
}
