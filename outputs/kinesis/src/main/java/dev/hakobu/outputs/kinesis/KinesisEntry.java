package dev.hakobu.outputs.kinesis;

import java.nio.charset.StandardCharsets;

/**
 * One PutRecords entry: a plain record or a KPL aggregate of several.
 *
 * @param explicitHashKey the hash key (decimal) that puts an aggregate on the shard it was packed for, or
 *                        null to let Kinesis hash the partition key
 * @param shardId         the shard the entry is meant for, or null when no shard map was known
 * @param sources         the chunk indexes of the user records inside, to mark them delivered together
 */
record KinesisEntry(
        String partitionKey, String explicitHashKey, String shardId, byte[] data, int[] sources) {

    /** A plain record, or an aggregate, left to Kinesis's hashing of its partition key. */
    KinesisEntry(String partitionKey, byte[] data, int[] sources) {
        this(partitionKey, null, null, data, sources);
    }

    /** What the entry counts against the per-record and per-call limits. */
    long size() {
        return data.length + (long) partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
