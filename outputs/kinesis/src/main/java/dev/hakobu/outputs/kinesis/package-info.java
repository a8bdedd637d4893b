/**
 * The Kinesis Data Streams output: PutRecords calls of at most 500 records and 5 MiB, one JSON line per
 * record, partition keys from a record field or random, and optional KPL aggregation.
 *
 * <p>Contract: {@code write} returns Delivered once Kinesis took every record of the chunk, except
 * records over the 1 MiB limit, which are on disk in the output's dead-letter folder first. Records a
 * call reports as failed (throughput exceeded, internal failure) are resent alone, with backoff, within
 * {@code item_retry.max_time}; {@link dev.hakobu.outputs.kinesis.KinesisErrorClassifier} decides,
 * {@link dev.hakobu.outputs.retry.PartialRetryWriter} resends. Records
 * Kinesis took are never resent by this process: when records are left the write returns Retry and
 * remembers what was taken, so the worker's next try sends only the rest. After a restart, or when a call
 * failed as a whole after the service stored it (a timeout), records may be sent twice: at-least-once.
 */
package dev.hakobu.outputs.kinesis;
