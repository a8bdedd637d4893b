/**
 * The Kinesis Data Streams output: PutRecords calls of at most 500 records and 5 MiB, one JSON line per
 * record with its tag ({@code tag_key}), partition keys from a record field or random, and optional KPL
 * aggregation grouped by shard ({@link dev.hakobu.outputs.kinesis.KplAggregator} over the
 * {@link dev.hakobu.outputs.kinesis.ShardMap} that {@link dev.hakobu.outputs.kinesis.ShardMapSource}
 * keeps). An outage is logged when it starts, once a minute while it lasts and when it ends
 * ({@link dev.hakobu.outputs.kinesis.OutageLog}).
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
