package dev.hakobu.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks, every {@code interval}, that the servers nobody is connected to accept a TCP connection:
 * standby servers, and regular ones before their first chunk or after an idle connection was closed.
 * Without it they count as healthy for as long as nothing is sent to them, even with nothing
 * listening. A plain connect, closed at once (no TLS, no handshake: nothing for the server to log as
 * an error); the result is for health reporting ({@link ServerStatus}) and does not change where
 * chunks go. One daemon thread, {@code hakobu-forward-probe}.
 */
final class IdleNodeProbe implements AutoCloseable {
    /** How often idle servers are probed. */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    /** Longest wait for one probe's connect. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(2);

    private final Dispatcher dispatcher;
    private final int timeoutMillis;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "hakobu-forward-probe");
                        t.setDaemon(true);
                        return t;
                    });

    /** Starts probing at once, then every {@code interval}. */
    IdleNodeProbe(Dispatcher dispatcher, Duration connectTimeout, Duration interval) {
        this.dispatcher = dispatcher;
        this.timeoutMillis =
                (int) Math.max(1, Math.min(connectTimeout.toMillis(), MAX_TIMEOUT.toMillis()));
        timer.scheduleWithFixedDelay(
                this::probeIdle, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeIdle() {
        for (Node node : dispatcher.idleNodes()) {
            String failure = null;
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(node.config.host(), node.config.port()),
                        timeoutMillis);
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            dispatcher.probed(node, failure);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
