/**
 * The aggregator process: a Forward-protocol server, the ingest pipeline, a disk buffer and workers per output.
 *
 * <p>Delivery contract: a chunk is acknowledged to its sender only after every output buffer its tag routes
 * to holds it on disk; otherwise no ack is sent and the sender resends it. Buffered chunks are deleted only
 * after their output confirmed them. See {@link dev.hakobu.aggregator.buffer} for what survives a crash.
 */
package dev.hakobu.aggregator;
