package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The attack that ended in OutOfMemoryError, against the packaged aggregator with its packaged JVM flags
 * (-Xmx1g) and default limits: small gzip frames that inflate to just under {@code max_decompressed_bytes}
 * (64 MiB) of valid entries, from twice as many connections as {@code max_in_memory_bytes} (192 MiB) holds at
 * once, two pipelined on each. The aggregator must stay up, and a legitimate client beside them must keep
 * getting its chunks acked and stored.
 */
class CompressedFloodIT {
    private static final int FLOODERS =
            6; // 192 MiB / 64 MiB = 3 frames at once; twice that many connections
    private static final int FRAMES_EACH = 2;
    private static final int LEGIT_CHUNKS = 20;

    @TempDir Path work;

    @Test
    void maximumSizeCompressedFramesFromManyConnectionsNeverExhaustTheHeapAndOthersKeepBeingAcked()
            throws Exception {
        byte[] bomb = frame("app.flood", "flood", floodEntries(63 << 20));
        try (Roles roles = new Roles(work)) {
            roles.startAggregator();
            ExecutorService clients = Executors.newFixedThreadPool(FLOODERS + 1);
            try {
                List<Future<Integer>> flooders = new ArrayList<>();
                for (int i = 0; i < FLOODERS; i++) {
                    int client = i;
                    flooders.add(clients.submit(() -> flood(roles.port, bomb, client)));
                }
                Future<Integer> legit = clients.submit(() -> legitimate(roles.port));

                int legitAcked;
                try {
                    legitAcked = legit.get(3, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    // the aggregator closed the legitimate connection: say why from its log
                    throw new AssertionError(
                            "legitimate client failed: " + e.getCause() + "; " + roles.logsTail(),
                            e);
                }
                assertThat(legitAcked)
                        .as("legitimate chunks acked; " + roles.logsTail())
                        .isEqualTo(LEGIT_CHUNKS);
                for (Future<Integer> f : flooders) {
                    assertThat(f.get(3, TimeUnit.MINUTES))
                            .as("flood frames acked")
                            .isEqualTo(FRAMES_EACH);
                }
            } finally {
                clients.shutdownNow();
            }
            String log =
                    Files.readString(work.resolve("aggregator.err"))
                            + Files.readString(work.resolve("aggregator.out"));
            assertThat(log).doesNotContain("OutOfMemoryError");
            assertThat(get(roles.httpPort, "/health")).isEqualTo(200);
            String metrics = metrics(roles.httpPort);
            assertThat(metrics)
                    .contains(
                            "hakobu_forward_acks_total "
                                    + (double) (FLOODERS * FRAMES_EACH + LEGIT_CHUNKS));
            assertThat(metrics)
                    .as("no frame refused for size")
                    .contains("hakobu_forward_errors_total{type=\"protocol\"} 0.0");
        }
    }

    /** Sends the bomb {@link #FRAMES_EACH} times back to back, then reads as many acks. */
    private static int flood(int port, byte[] bomb, int client) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(180_000);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < FRAMES_EACH; i++) {
                out.write(withChunk(bomb, "flood-" + client + "-" + i));
            }
            out.flush();
            return readAcks(socket, FRAMES_EACH);
        }
    }

    /** One small chunk at a time, each waiting for its ack, as an agent with a window of one would. */
    private static int legitimate(int port) throws Exception {
        int acked = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(180_000);
            for (int i = 0; i < LEGIT_CHUNKS; i++) {
                socket.getOutputStream().write(frame("app.api", "legit-" + i, legitEntries(i)));
                acked += readAcks(socket, 1);
                Thread.sleep(50);
            }
        }
        return acked;
    }

    private static int readAcks(Socket socket, int n) throws IOException {
        MessageUnpacker u =
                MessagePack.newDefaultUnpacker(new DataInputStream(socket.getInputStream()));
        for (int i = 0; i < n; i++) {
            u.unpackValue();
        }
        return n;
    }

    /** {@code bytes} of entries, every record the same so they compress about a thousand to one. */
    private static byte[] floodEntries(int bytes) throws IOException {
        byte[] one;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2).packLong(1_597_371_754L);
            p.packMapHeader(1).packString("m").packString("x".repeat(200));
            one = p.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes);
        for (int n = 0; n + one.length <= bytes; n += one.length) {
            out.write(one);
        }
        return out.toByteArray();
    }

    private static byte[] legitEntries(int chunk) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            for (int i = 0; i < 10; i++) {
                p.packArrayHeader(2).packLong(1_597_371_754L);
                p.packMapHeader(2).packString("chunk").packInt(chunk).packString("seq").packInt(i);
            }
            return p.toByteArray();
        }
    }

    /** A CompressedPackedForward frame (gzip) with a placeholder chunk id of 16 characters. */
    private static byte[] frame(String tag, String chunk, byte[] entries) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(entries);
        }
        byte[] payload = zipped.toByteArray();
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packString(tag);
            p.packBinaryHeader(payload.length).writePayload(payload);
            p.packMapHeader(2)
                    .packString("chunk")
                    .packString(pad(chunk))
                    .packString("compressed")
                    .packString("gzip");
            return p.toByteArray();
        }
    }

    /** The same frame with another chunk id of the same length (the id is the frame's last 16 bytes before "compressed"). */
    private static byte[] withChunk(byte[] frame, String chunk) {
        byte[] copy = frame.clone();
        byte[] placeholder = pad("flood").getBytes(StandardCharsets.US_ASCII);
        byte[] id = pad(chunk).getBytes(StandardCharsets.US_ASCII);
        int at = lastIndexOf(copy, placeholder);
        System.arraycopy(id, 0, copy, at, id.length);
        return copy;
    }

    private static String pad(String chunk) {
        return (chunk + "................").substring(0, 16);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("placeholder not found");
    }

    private static String metrics(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
