/**
 * {@code hakobu replay}: dead-lettered chunks back into an aggregator. A chunk leaves the folder only after
 * the aggregator acked it (it is in every matched buffer); chunk ids are kept, so a replay that is run
 * twice, or a chunk that had in fact landed, is deduplicated by the receiving buffers.
 */
package dev.hakobu.aggregator.replay;
