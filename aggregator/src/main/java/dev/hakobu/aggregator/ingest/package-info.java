/**
 * From a decoded forward request to stored chunks: route by tag, write to each output on a worker
 * thread (never on the event loop), and complete the stage that releases the ack.
 */
package dev.hakobu.aggregator.ingest;
