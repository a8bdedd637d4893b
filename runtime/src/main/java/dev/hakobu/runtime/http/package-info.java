/**
 * The operator's HTTP endpoints, the same on both roles: {@code /metrics} (Prometheus text),
 * {@code /health} (the process is alive), {@code /ready} (503 while starting or while a buffer is above
 * its high-water mark, so a load balancer stops sending), {@code /api/status} (JSON). Served by the
 * JDK's HTTP server on its own small thread pool, never on a Netty event loop.
 */
package dev.hakobu.runtime.http;
