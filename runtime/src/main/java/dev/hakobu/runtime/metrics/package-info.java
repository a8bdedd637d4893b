/**
 * Meters every role publishes beside its own: which build runs ({@code hakobu_build_info}) and the
 * process's CPU time in seconds. Names follow Prometheus conventions: base units (seconds, bytes) in
 * the name, {@code _total} on counters, a HELP text on every family.
 */
package dev.hakobu.runtime.metrics;
