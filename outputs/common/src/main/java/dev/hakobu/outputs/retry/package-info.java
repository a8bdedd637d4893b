/**
 * Item-level retries inside one {@code Output.write}: outputs whose sinks answer per record (Elasticsearch
 * bulk, Kinesis PutRecords) hand {@link dev.hakobu.outputs.retry.PartialRetryWriter} a
 * {@link dev.hakobu.outputs.retry.BatchSender} that reports each item delivered, to retry, or refused.
 * The writer resends only the items to retry, with the shared jittered exponential
 * {@link dev.hakobu.retry.Backoff}, for a bounded total delay ({@link dev.hakobu.outputs.retry.RetryBudget});
 * refused items go to the dead-letter folder; the delivery worker's chunk-level retries take over after
 * that. Which answers are worth retrying is each output's {@code *ErrorClassifier}'s decision.
 */
package dev.hakobu.outputs.retry;
