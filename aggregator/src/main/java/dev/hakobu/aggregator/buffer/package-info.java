/**
 * The crash-safe disk buffer in front of each output.
 *
 * <p>Contract. {@link dev.hakobu.aggregator.buffer.DiskBuffer#append} returns only once the batch is in a chunk
 * file and (with {@code fsync: every_batch}, the default) on disk; the aggregator acknowledges a forward
 * chunk only after every matched output's buffer returned from {@code append}. A chunk file holds events
 * of one tag and one partition key (the output's {@link dev.hakobu.output.Partitioner}), so one chunk
 * becomes one object; its id is written in its header, so delivering it twice (retry, or a restart after
 * a delivery that succeeded before the file was deleted) rewrites the same object.
 *
 * <p>What survives a crash: every appended batch (fsync), and every chunk not yet deleted after delivery.
 * On start each file is read back: a torn tail (appends never acknowledged) is cut at the last good batch;
 * a corrupt file is moved to {@code quarantine/} with a reason and the others keep flowing. Each batch
 * header carries the sender's chunk id; recovery re-learns them, and ids of delivered chunks are kept in a
 * window on disk, so a resend is skipped per buffer, per partition, by exactly the buffers that hold it.
 *
 * <p>A full buffer ({@code total_bytes}) blocks appends (the sender is not acked and is paused), unless
 * {@code overflow: drop_oldest} says to delete the oldest waiting chunk.
 */
package dev.hakobu.aggregator.buffer;
