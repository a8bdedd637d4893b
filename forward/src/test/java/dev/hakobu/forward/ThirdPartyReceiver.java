package dev.hakobu.forward;

import com.github.luben.zstd.Zstd;
import dev.hakobu.event.EntryReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * A real TCP receiver that takes PackedForward frames the way a third-party in_forward does, for client tests
 * that need to see the wire: it records each frame's {@code compressed} option, inflates the entries and
 * acks the chunk; given a compression it does not take, it closes the connection without an ack, as Fluentd
 * 1.18 does on zstd. Not the Hakobu server (that one decodes every compression).
 */
final class ThirdPartyReceiver implements AutoCloseable {
    /** One frame as received: its {@code compressed} option ("none" if absent), its chunk id and entry count. */
    record Received(String compression, String chunk, int entries) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger closedOnRefused = new AtomicInteger();
    private final Set<String> refused;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** @param refused the compressions ("gzip", "zstd") it closes the connection on */
    ThirdPartyReceiver(Set<String> refused) throws IOException {
        this.refused = refused;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptAll, "third-party-receiver");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "third-party-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s;
                MessageUnpacker in = MessagePack.newDefaultUnpacker(s.getInputStream())) {
            OutputStream out = s.getOutputStream();
            while (in.hasNext()) {
                in.unpackArrayHeader();
                in.unpackString(); // tag
                byte[] payload = in.readPayload(in.unpackBinaryHeader());
                String chunk = null;
                String compression = "none";
                int options = in.unpackMapHeader();
                for (int i = 0; i < options; i++) {
                    String key = in.unpackString();
                    switch (key) {
                        case "chunk" -> chunk = in.unpackString();
                        case "compressed" -> compression = in.unpackString();
                        default -> in.skipValue();
                    }
                }
                if (refused.contains(compression)) {
                    closedOnRefused.incrementAndGet();
                    return; // closes without an ack
                }
                byte[] entries =
                        switch (compression) {
                            case "gzip" ->
                                    new GZIPInputStream(new ByteArrayInputStream(payload))
                                            .readAllBytes();
                            case "zstd" ->
                                    Zstd.decompress(
                                            payload, (int) Zstd.getFrameContentSize(payload));
                            default -> payload;
                        };
                received.add(
                        new Received(
                                compression, chunk, EntryReader.count(entries, 0, entries.length)));
                try (MessageBufferPacker ack = MessagePack.newDefaultBufferPacker()) {
                    ack.packMapHeader(1).packString("ack").packString(chunk);
                    out.write(ack.toByteArray());
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
