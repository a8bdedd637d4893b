package dev.hakobu.forward;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one {@link ForwardServer}, readable from any thread; Micrometer gauges can wrap them. */
public final class ForwardServerStats {
    final AtomicLong connections = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong acks = new AtomicLong();
    final AtomicLong protocolErrors = new AtomicLong();
    final AtomicLong idleTimeouts = new AtomicLong();
    final AtomicLong sinkFailures = new AtomicLong();
    final AtomicLong handshakes = new AtomicLong();
    final AtomicLong authFailures = new AtomicLong();
    final AtomicLong tlsFailures = new AtomicLong();
    final AtomicLong refusedTagFrames = new AtomicLong();
    final AtomicLong refusedTagEvents = new AtomicLong();

    /** When a refused tag was last logged (System.nanoTime), so a flood of them makes few log lines. */
    final AtomicLong refusedTagLogged = new AtomicLong(Long.MIN_VALUE);

    /** Connections accepted. */
    public long connections() {
        return connections.get();
    }

    /** Frames decoded and handed to the sink. */
    public long requests() {
        return requests.get();
    }

    /** Entries in those frames. */
    public long events() {
        return events.get();
    }

    /** Acks written (chunks the sink stored durably). */
    public long acks() {
        return acks.get();
    }

    /** Connections closed for malformed input or a breached limit. */
    public long protocolErrors() {
        return protocolErrors.get();
    }

    /** Connections closed for being idle. */
    public long idleTimeouts() {
        return idleTimeouts.get();
    }

    /** Requests the sink could not store (no ack, connection closed). */
    public long sinkFailures() {
        return sinkFailures.get();
    }

    /** Clients that passed the shared-key handshake. */
    public long handshakes() {
        return handshakes.get();
    }

    /** Handshakes refused (wrong shared key, unknown user or wrong password, malformed PING). */
    public long authFailures() {
        return authFailures.get();
    }

    /** Frames acked but not stored because their tag broke {@link TagRule}. */
    public long refusedTagFrames() {
        return refusedTagFrames.get();
    }

    /** Events in those frames. */
    public long refusedTagEvents() {
        return refusedTagEvents.get();
    }

    /** TLS handshakes that failed (no or untrusted client certificate, protocol mismatch, plain TCP on a TLS port). */
    public long tlsFailures() {
        return tlsFailures.get();
    }
}
