/**
 * Item-level retries inside one {@code Output.write}: outputs whose sinks answer per record (Elasticsearch
 * bulk, Kinesis PutRecords) resend only the failed records, with jittered exponential backoff, for a
 * bounded total delay; the delivery worker's chunk-level retries take over after that.
 */
package dev.hakobu.outputs.retry;
