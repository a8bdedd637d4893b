/**
 * From a decoded forward request to buffered chunks: route by tag (default route for the rest), mask per
 * route, append to each matched output's disk buffer on an ingest worker (never on the event loop), and
 * complete the stage that releases the ack only when every one of those buffers holds it on disk.
 */
package dev.hakobu.aggregator.ingest;
