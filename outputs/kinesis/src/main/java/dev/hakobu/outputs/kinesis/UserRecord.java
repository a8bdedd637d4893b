package dev.hakobu.outputs.kinesis;

/**
 * One record of a chunk as Kinesis data.
 *
 * @param index        position in the chunk (0-based)
 * @param partitionKey from the configured field, or null for "random"
 * @param data         the record as one JSON line (with its newline)
 */
record UserRecord(int index, String partitionKey, byte[] data) {}
