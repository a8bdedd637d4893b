/**
 * The agent process: tails files, parses lines, and forwards chunks to aggregators.
 *
 * <p>Delivery contract: a file position moves forward only after the aggregator acked the chunk that
 * holds the lines before it ({@link dev.hakobu.agent.ship.Positions}); after a crash the agent re-reads
 * from the last committed position, so nothing is lost (at-least-once; stable chunk ids and the
 * aggregator's dedupe make re-sends invisible downstream).
 */
package dev.hakobu.agent;
