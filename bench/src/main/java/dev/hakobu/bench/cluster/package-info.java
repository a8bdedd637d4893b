/**
 * The multi-node load harness ({@code bench/run-harness cluster}): N agents, M aggregators and an
 * output as real processes on loopback, story S1/S2 lines stamped with their write time, and the
 * stored output read back for exactly-once counts and latency percentiles.
 */
package dev.hakobu.bench.cluster;
