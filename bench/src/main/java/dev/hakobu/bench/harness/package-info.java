/**
 * The end-to-end load harness: real processes started through the built launcher, load from a
 * separate JVM, numbers read from /proc (CPU seconds, peak RSS) and from the aggregator's /metrics.
 * Run with {@code bench/run-harness}; results go to {@code bench/results/}.
 */
package dev.hakobu.bench.harness;
