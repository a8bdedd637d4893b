package dev.hakobu.outputs.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of an S3 endpoint that holds every HTTP request whose request line
 * contains {@code marker} until {@link #release}: a PutObject as slow as the test wants, the others
 * passing through. Requests on one connection are not pipelined by the SDK, so holding the bytes of a
 * connection holds that one request.
 */
final class HoldingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final String marker;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    HoldingProxy(int targetPort, String marker) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.marker = marker;
        Thread accept = new Thread(this::accept, "holding-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many requests are held now, or were held before {@link #release}. */
    int held() {
        return held.get();
    }

    void release() {
        released.countDown();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client.getInputStream(), upstream.getOutputStream(), true);
                pump(upstream.getInputStream(), client.getOutputStream(), false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean requests) {
        Thread t =
                new Thread(
                        () -> {
                            byte[] buf = new byte[64 * 1024];
                            try {
                                int n;
                                while ((n = in.read(buf)) > 0) {
                                    if (requests && holds(buf, n)) {
                                        held.incrementAndGet();
                                        released.await();
                                    }
                                    out.write(buf, 0, n);
                                    out.flush();
                                }
                            } catch (IOException | InterruptedException e) {
                                // the connection or the proxy closed
                            } finally {
                                try {
                                    out.close();
                                } catch (IOException ignored) {
                                    // closing anyway
                                }
                            }
                        },
                        "holding-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Whether these bytes start a request whose request line holds the marker. */
    private boolean holds(byte[] buf, int n) {
        String start = new String(buf, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
        int eol = start.indexOf("\r\n");
        return eol > 0 && start.startsWith("PUT ") && start.substring(0, eol).contains(marker);
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
