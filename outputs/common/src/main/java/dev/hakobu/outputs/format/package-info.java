/**
 * How an output that stores objects or files lays out one chunk: split by the key each event's time
 * renders to ({@link dev.hakobu.outputs.format.PartitionedEncoder}), each part in an
 * {@link dev.hakobu.outputs.format.ObjectFormat}: a {@link dev.hakobu.encoding.RecordEncoding} chosen by
 * the output's {@code format:}, wrapped in its {@code compression:} unless the encoding compresses itself.
 *
 * <p>Outputs take a format, they do not build one: a new encoding plugs into every such output without
 * touching its fsync, rename or upload logic. Contract: an object is complete only when its writer's
 * {@code close} returned; after a failure the writers are abandoned and S3 uploads aborted, never finished.
 */
package dev.hakobu.outputs.format;
