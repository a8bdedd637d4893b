package dev.hakobu.outputs.kinesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on 127.0.0.1 in front of a server, to cut it off and bring it back on the same port:
 * {@link #stop()} closes the listener and every connection (new ones are refused), {@link #start()}
 * listens again. Test threads are daemons and end with their sockets.
 */
final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    TcpProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        Thread accept =
                new Thread(
                        () -> {
                            while (!s.isClosed()) {
                                try {
                                    Socket client = s.accept();
                                    Socket upstream =
                                            new Socket(
                                                    InetAddress.getLoopbackAddress(), targetPort);
                                    sockets.add(client);
                                    sockets.add(upstream);
                                    pump(client, upstream);
                                    pump(upstream, client);
                                } catch (IOException e) {
                                    // closed by stop()
                                }
                            }
                        },
                        "test-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t =
                new Thread(
                        () -> {
                            byte[] buf = new byte[16384];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                int n;
                                while ((n = in.read(buf)) >= 0) {
                                    out.write(buf, 0, n);
                                }
                            } catch (IOException e) {
                                // a side closed
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    synchronized void stop() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        stop();
    }
}
