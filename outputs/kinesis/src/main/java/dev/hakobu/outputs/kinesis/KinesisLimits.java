package dev.hakobu.outputs.kinesis;

/** The service's limits (Kinesis Data Streams quotas that no configuration changes). */
final class KinesisLimits {
    /** Data plus partition key of one record. */
    static final int MAX_RECORD_BYTES = 1 << 20;

    static final int MAX_PARTITION_KEY_CHARS = 256;
    static final int MAX_RECORDS_PER_CALL = 500;

    /** Data plus partition keys of one PutRecords call. */
    static final long MAX_BYTES_PER_CALL = 5L << 20;

    private KinesisLimits() {}
}
