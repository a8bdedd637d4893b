/**
 * Record-level dead letters: the few records of a chunk that a sink refused for good (an Elasticsearch
 * mapping error, a Kinesis record over 1 MiB) while the rest of the chunk was delivered. Whole chunks
 * that an output rejects or gives up on are the delivery workers' dead letters, not these.
 *
 * <p>Contract: a record is written here, durably, before its chunk is reported Delivered; nothing a sink
 * refuses is dropped silently and nothing is retried forever.
 */
package dev.hakobu.outputs.deadletter;
