/** JMH benchmarks of the hot paths; run with {@code bench/run-jmh}. Results live in {@code bench/results/}. */
package dev.hakobu.bench;
