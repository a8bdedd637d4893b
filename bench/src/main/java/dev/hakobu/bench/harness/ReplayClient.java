package dev.hakobu.bench.harness;

import com.github.luben.zstd.Zstd;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * A load generator that replays pre-encoded CompressedPackedForward frames (zstd, acks on), patching a
 * fresh chunk id into each copy: the frames are compressed once, up front, so on a 2-core machine the
 * load generator does not take the CPU the aggregator under test needs (a {@code ForwardClient}
 * compressing every chunk used ~0.4 CPU-seconds per million events). Acks are read on a second thread;
 * at most {@code inFlight} frames wait for theirs.
 */
final class ReplayClient implements AutoCloseable {
    private static final int ID_LENGTH = 22;
    private final Socket socket;
    private final OutputStream out;
    private final Semaphore window;
    private final Thread reader;
    private volatile IOException failure;
    private long sent;
    private long acked;

    /** A frame with a placeholder chunk id, and where the id's bytes are. */
    record Frame(byte[] bytes, int idOffset, int events) {
        static Frame of(String tag, byte[] entries, int events) throws IOException {
            byte[] compressed =
                    Zstd.compress(entries, 3); // the agent's level (FrameEncoder.ZSTD_LEVEL)
            String placeholder = "X".repeat(ID_LENGTH);
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(3)
                    .packString(tag)
                    .packBinaryHeader(compressed.length)
                    .writePayload(compressed);
            p.packMapHeader(3)
                    .packString("chunk")
                    .packString(placeholder)
                    .packString("size")
                    .packInt(events)
                    .packString("compressed")
                    .packString("zstd");
            byte[] bytes = p.toByteArray();
            int at = lastIndexOf(bytes, placeholder.getBytes(StandardCharsets.US_ASCII));
            return new Frame(bytes, at, events);
        }
    }

    ReplayClient(int port, int inFlight) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 256 * 1024);
        this.window = new Semaphore(inFlight);
        this.reader = new Thread(this::readAcks, "replay-acks");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends a copy of {@code frame} under chunk id number {@code n}; blocks while the window is full. */
    void send(Frame frame, long n) throws IOException, InterruptedException {
        window.acquire();
        check();
        byte[] id = String.format("%0" + ID_LENGTH + "d", n).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, frame.bytes(), frame.idOffset(), ID_LENGTH);
        out.write(frame.bytes());
        out.flush();
        sent++;
    }

    /** Waits until every frame sent so far is acked. */
    long awaitAcks() throws IOException, InterruptedException {
        while (true) {
            check();
            synchronized (this) {
                if (acked >= sent) {
                    return acked;
                }
                wait(100);
            }
        }
    }

    private void readAcks() {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(socket.getInputStream())) {
            while (true) {
                int n = in.unpackMapHeader();
                for (int i = 0; i < n; i++) {
                    in.unpackString();
                    in.skipValue();
                }
                synchronized (this) {
                    acked++;
                    notifyAll();
                }
                window.release();
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                failure = e;
                window.release(1_000);
            }
        }
    }

    private void check() throws IOException {
        if (failure != null) {
            throw new IOException("replay connection failed", failure);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static List<Frame> frames(String tag, List<byte[]> chunks, int events) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (byte[] c : chunks) {
            frames.add(Frame.of(tag, c, events));
        }
        return frames;
    }

    private static int lastIndexOf(byte[] s, byte[] x) {
        for (int i = s.length - x.length; i >= 0; i--) {
            if (java.util.Arrays.equals(s, i, i + x.length, x, 0, x.length)) {
                return i;
            }
        }
        throw new IllegalStateException("placeholder not found");
    }
}
