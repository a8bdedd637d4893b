/**
 * The aggregator process: a Forward-protocol server, the ingest pipeline, and the outputs.
 *
 * <p>Delivery contract: a chunk is acknowledged to its sender only after every output its tag routes to
 * reported it Delivered (durably stored); otherwise no ack is sent and the sender resends it.
 */
package dev.hakobu.aggregator;
