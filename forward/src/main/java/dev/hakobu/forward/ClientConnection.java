package dev.hakobu.forward;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * One keepalive connection from a {@link ForwardClient} to a node: a blocking socket (TLS if configured)
 * written by the node's thread, and a daemon reader thread that turns acks into {@link Listener} calls. The
 * socket read timeout is the tick: every tick without input the listener may check ack deadlines.
 */
final class ClientConnection implements AutoCloseable {

    /** Called on this connection's reader thread. */
    interface Listener {
        void acked(ClientConnection connection, String chunkId);

        void tick(ClientConnection connection);

        /** The server closed the connection or it failed; not called after {@link #close()}. */
        void broken(ClientConnection connection, Exception cause);
    }

    /** How every connection of a client connects; {@code tls} and {@code security} are null when not used. */
    record Settings(
            Duration connectTimeout,
            Duration tick,
            SSLContext tls,
            boolean verifyHostname,
            ClientSecurityConfig security) {}

    final int generation;
    private final ForwardNodeConfig node;
    private final Listener listener;
    private final Settings settings;
    private final Socket socket = new Socket();
    private volatile Socket tlsSocket;
    private volatile boolean closed;

    /** Set on the reader thread at the first ack; read by whoever reports the connection broken. */
    volatile boolean sawAck;

    private OutputStream out;

    ClientConnection(ForwardNodeConfig node, int generation, Listener listener, Settings settings) {
        this.node = node;
        this.generation = generation;
        this.listener = listener;
        this.settings = settings;
    }

    /**
     * Connects, does the TLS handshake and the Forward handshake as configured, each within the connect
     * timeout, then starts the reader thread. {@link #close()} from another thread aborts it.
     */
    void connect() throws IOException {
        int connectMillis =
                (int)
                        Math.min(
                                Integer.MAX_VALUE,
                                Math.max(1, settings.connectTimeout().toMillis()));
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.connect(new InetSocketAddress(node.host(), node.port()), connectMillis);
        socket.setSoTimeout(connectMillis);
        Socket s = socket;
        if (settings.tls() != null) {
            SSLSocket ssl =
                    (SSLSocket)
                            settings.tls()
                                    .getSocketFactory()
                                    .createSocket(socket, node.host(), node.port(), true);
            tlsSocket = ssl;
            if (settings.verifyHostname()) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
            }
            ssl.startHandshake();
            s = ssl;
        }
        out = s.getOutputStream();
        TickingInput input = new TickingInput(s.getInputStream());
        MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);
        if (settings.security() != null) {
            ClientHandshake.perform(unpacker, out, settings.security(), toString());
        }
        s.setSoTimeout((int) Math.max(1, settings.tick().toMillis()));
        input.ticking = true;
        Thread reader =
                new Thread(
                        () -> readAcks(unpacker),
                        "hakobu-forward-acks-"
                                + node.host()
                                + ":"
                                + node.port()
                                + "-"
                                + generation);
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes one whole frame; called by the node's thread only. */
    void write(Frame frame) throws IOException {
        frame.writeTo(out);
    }

    @Override
    public void close() {
        closed = true;
        try {
            Socket ssl = tlsSocket;
            if (ssl != null) {
                ssl.close();
            }
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return node.host() + ":" + node.port();
    }

    private void readAcks(MessageUnpacker acks) {
        try (acks) {
            while (!closed) {
                String chunkId = Acks.read(acks);
                if (chunkId != null) {
                    listener.acked(this, chunkId);
                }
            }
        } catch (MessageInsufficientBufferException e) {
            if (!closed) {
                listener.broken(this, new EOFException("closed by the server"));
            }
        } catch (Exception e) {
            if (!closed) {
                listener.broken(this, e);
            }
        }
    }

    /** Once ticking, retries reads that time out, ticking the listener each time, so the unpacker never sees a timeout. */
    private final class TickingInput extends FilterInputStream {
        volatile boolean ticking;

        TickingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                try {
                    return in.read(b, off, len);
                } catch (SocketTimeoutException e) {
                    if (closed || !ticking) {
                        throw e;
                    }
                    listener.tick(ClientConnection.this);
                }
            }
        }
    }
}
