package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.DataSize;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForwardServerTest {
    private final CopyOnWriteArrayList<ForwardRequest> stored = new CopyOnWriteArrayList<>();
    private ForwardServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aMalformedFrameClosesThatConnectionWhileAnotherKeepsBeingServed() throws Exception {
        server =
                start(
                        request -> {
                            stored.add(request);
                            return CompletableFuture.completedFuture(null);
                        },
                        Duration.ofMinutes(5));
        try (Socket good = connect();
                Socket bad = connect()) {
            bad.getOutputStream().write("not msgpack at all".getBytes());
            assertThat(bad.getInputStream().read()).as("end of stream").isEqualTo(-1);
            good.getOutputStream()
                    .write(Frames.packedForward("t", Frames.entries(0, 3), "ok-1", null));
            assertThat(good.getInputStream().readNBytes(Acks.encode("ok-1").length))
                    .isEqualTo(Acks.encode("ok-1"));
        }
        assertThat(stored).extracting(ForwardRequest::chunk).containsExactly("ok-1");
        assertThat(server.stats().protocolErrors()).isEqualTo(1);
    }

    @Test
    void aSinkFailureSendsNoAckAndClosesTheConnection() throws Exception {
        server =
                start(
                        request -> CompletableFuture.failedFuture(new IOException("disk full")),
                        Duration.ofMinutes(5));
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(Frames.packedForward("t", Frames.entries(0, 3), "c1", null));
            assertThat(socket.getInputStream().read())
                    .as("end of stream, no ack byte")
                    .isEqualTo(-1);
        }
        assertThat(server.stats().sinkFailures()).isEqualTo(1);
        assertThat(server.stats().acks()).isZero();
    }

    @Test
    void anIdleConnectionIsClosedAndCounted() throws Exception {
        server = start(request -> CompletableFuture.completedFuture(null), Duration.ofMillis(100));
        try (Socket socket = connect()) {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        Await.until("the idle timeout is counted", () -> server.stats().idleTimeouts() == 1);
    }

    @Test
    void closeIsIdempotentAndFreesThePort() throws Exception {
        server = start(request -> CompletableFuture.completedFuture(null), Duration.ofMinutes(5));
        int port = server.localAddress().getPort();
        server.close();
        server.close();
        server =
                ForwardServer.start(
                        config(port, Duration.ofMinutes(5)),
                        request -> CompletableFuture.completedFuture(null));
        assertThat(server.localAddress().getPort()).isEqualTo(port);
    }

    private ForwardServer start(ForwardSink sink, Duration idle) throws IOException {
        return ForwardServer.start(config(0, idle), sink);
    }

    static ForwardServerConfig config(int port, Duration idle) {
        return new ForwardServerConfig(
                "127.0.0.1",
                port,
                DataSize.ofBytes(4 << 20),
                DataSize.ofBytes(64 << 20),
                DataSize.ofBytes(192 << 20),
                idle,
                8,
                Optional.empty(),
                Optional.empty());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.localAddress().getPort()), 5000);
        socket.setSoTimeout(20_000); // a safety net; reads are expected to return long before
        return socket;
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        return in.readNBytes(n);
    }
}
