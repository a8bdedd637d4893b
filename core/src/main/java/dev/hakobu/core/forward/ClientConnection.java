package dev.hakobu.core.forward;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * One TCP connection of a {@link ForwardClient}: a blocking socket written by the client's I/O thread, and
 * a daemon reader thread that turns acks into {@link Listener} calls. The socket read timeout is the
 * tick: every tick without input the listener may check ack deadlines (and close this connection).
 */
final class ClientConnection implements AutoCloseable {

    /** Called on this connection's reader thread. */
    interface Listener {
        void acked(ClientConnection connection, String chunkId);

        void tick(ClientConnection connection);

        /** The server closed the connection or it failed; not called after {@link #close()}. */
        void broken(ClientConnection connection, Exception cause);
    }

    final int generation;
    private final InetSocketAddress address;
    private final Listener listener;
    private final Socket socket = new Socket();
    private volatile boolean closed;
    private OutputStream out;

    ClientConnection(InetSocketAddress address, int generation, Listener listener) {
        this.address = address;
        this.generation = generation;
        this.listener = listener;
    }

    /** Connects and starts the reader thread; {@link #close()} from another thread aborts it. */
    void connect(Duration connectTimeout, Duration tick) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.setSoTimeout((int) Math.max(1, tick.toMillis()));
        socket.connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readAcks, "hakobu-forward-acks-" + address.getPort() + "-" + generation);
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes one whole frame; called by the client's I/O thread only. */
    void write(byte[] frame) throws IOException {
        out.write(frame);
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return address.getHostString() + ":" + address.getPort();
    }

    private void readAcks() {
        try (MessageUnpacker acks = MessagePack.newDefaultUnpacker(new TickingInput(socket.getInputStream()))) {
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

    /** Retries reads that time out, ticking the listener each time, so the unpacker never sees a timeout. */
    private final class TickingInput extends FilterInputStream {
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
                    if (closed) {
                        throw e;
                    }
                    listener.tick(ClientConnection.this);
                }
            }
        }
    }
}
