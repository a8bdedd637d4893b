/**
 * From buffer chunks to sinks: per output, N worker threads take closed chunks, write them, and settle
 * each one: deleted after the sink confirmed it (Delivered), retried with capped exponential backoff and
 * jitter (Retry), moved to {@code <buffer>/<output>/dead-letter/} with a reason file after
 * {@code max_retry_time} or at once when Rejected. Nothing is acknowledged here: the sender was acked when
 * the buffer held the data. What survives a crash: every chunk not yet deleted is delivered again after
 * the restart, under its own id, so the sink overwrites rather than duplicates. Retry counts do not survive.
 */
package dev.hakobu.aggregator.delivery;
