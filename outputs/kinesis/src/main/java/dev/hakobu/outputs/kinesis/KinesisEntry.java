package dev.hakobu.outputs.kinesis;

/**
 * One PutRecords entry: a plain record or a KPL aggregate of several.
 *
 * @param sources the chunk indexes of the user records inside, to mark them delivered together
 */
record KinesisEntry(String partitionKey, byte[] data, int[] sources) {
    /** What the entry counts against the per-record and per-call limits. */
    long size() {
        return data.length
                + (long) partitionKey.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
