/**
 * Retry schedules shared by every module: {@link dev.hakobu.retry.Backoff}, the one jittered exponential
 * backoff behind forward reconnects, item retries inside an output's write and the delivery workers'
 * chunk retries. Whether an error is worth retrying is not decided here but by each output's
 * {@code *ErrorClassifier}.
 */
package dev.hakobu.retry;
