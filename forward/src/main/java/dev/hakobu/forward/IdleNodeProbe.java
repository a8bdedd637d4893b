package dev.hakobu.forward;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks, every {@code interval}, that the servers nobody is connected to accept a connection: standby
 * servers, and regular ones before their first chunk or after an idle connection was closed. Without
 * it they count as healthy for as long as nothing is sent to them, even with nothing listening. A probe
 * connects as a sender would (TCP, TLS, handshake, under {@code connect_timeout}) and closes at once, so
 * that the server sees an ordinary client and "accepts connections" means a chunk could go there. The
 * result is for health reporting ({@link ServerStatus}) and does not change where chunks go. One daemon
 * thread, {@code hakobu-forward-probe}.
 */
final class IdleNodeProbe implements AutoCloseable {
    /** How often idle servers are probed. */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    /**
     * When the first probe runs: soon enough for {@code /api/status} right after a start, late enough
     * that a server getting the first chunks is connected by then and not connected to twice.
     */
    static final Duration FIRST = Duration.ofSeconds(1);

    private static final ClientConnection.Listener IGNORE =
            new ClientConnection.Listener() {
                @Override
                public void acked(ClientConnection connection, String chunkId) {}

                @Override
                public void tick(ClientConnection connection) {}

                @Override
                public void broken(ClientConnection connection, Exception cause) {}
            };

    private final Dispatcher dispatcher;
    private final ClientConnection.Settings settings;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "hakobu-forward-probe");
                        t.setDaemon(true);
                        return t;
                    });

    /** Probes after {@code first}, then every {@code interval}. */
    IdleNodeProbe(
            Dispatcher dispatcher,
            ClientConnection.Settings settings,
            Duration first,
            Duration interval) {
        this.dispatcher = dispatcher;
        this.settings = settings;
        timer.scheduleWithFixedDelay(
                this::probeIdle, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeIdle() {
        for (Node node : dispatcher.idleNodes()) {
            String failure = null;
            ClientConnection probe = new ClientConnection(node.config, 0, IGNORE, settings);
            try {
                probe.connect();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                probe.close();
            }
            dispatcher.probed(node, failure);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
