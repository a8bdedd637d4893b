package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * The bytes real peers send, through the built launcher: Fluentd 1.18's out_forward packs in_tail records with
 * bin keys and values (entries as str32); a careless or hostile client sends a tag that would escape the masked
 * route's folder. The Fluentd records must be stored as text and masked; the bad tag acked and stored nowhere.
 */
class PeerFramesIT {
    private static final String SECRET = "s3cr3t-fd-token";
    private static final long TIME = 1_597_371_754L; // 2020-08-14T02:22:34Z, 11:22:34 in Tokyo

    @TempDir Path work;

    @Test
    void fluentdBinRecordsAreStoredAsMaskedTextAndABadTagIsAckedButStoredNowhere()
            throws Exception {
        try (Roles roles = new Roles(work)) {
            roles.startAggregator();
            try (Socket socket = new Socket("127.0.0.1", roles.port)) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(fluentdFrame("app.fd", "fd-chunk-1"));
                assertThat(readAck(socket.getInputStream())).isEqualTo("fd-chunk-1");
                socket.getOutputStream().write(fluentdFrame("app.fd\nforged", "bad-chunk-1"));
                assertThat(readAck(socket.getInputStream())).isEqualTo("bad-chunk-1");
                socket.getOutputStream().write(fluentdFrame("app.z/../secret", "bad-chunk-2"));
                assertThat(readAck(socket.getInputStream())).isEqualTo("bad-chunk-2");
            }
            List<JsonNode> records = awaitRecords(roles.out, 2);

            assertThat(records)
                    .extracting(r -> r.path("id").asText())
                    .containsExactlyInAnyOrder("fd-0", "fd-1");
            JsonNode second =
                    records.stream()
                            .filter(r -> r.path("id").asText().equals("fd-1"))
                            .findFirst()
                            .orElseThrow();
            assertThat(second.path("user").asText()).isEqualTo("ユーザー");
            assertThat(second.path("parameter").asText())
                    .startsWith("name=camera2&")
                    .doesNotContain(SECRET);
            assertThat(Files.exists(roles.out.resolve("app.fd"))).isTrue();
            try (Stream<Path> all = Files.walk(work)) {
                List<Path> dirs = all.filter(Files::isDirectory).toList();
                assertThat(dirs).noneMatch(d -> d.getFileName().toString().equals("secret"));
                assertThat(dirs).noneMatch(d -> d.getFileName().toString().startsWith("app.z"));
            }
            String log = Files.readString(work.resolve("aggregator.err"));
            assertThat(log).contains("refused 2 events").contains("app.fd\\u000aforged");
            assertThat(log.lines()).noneMatch(line -> line.startsWith("forged"));
            assertThat(metrics(roles.httpPort))
                    .contains("hakobu_forward_discarded_events_total{reason=\"invalid_tag\"} 4.0");
        }
    }

    /**
     * A PackedForward frame as Fluentd 1.18's out_forward writes it: tag str, entries behind a str32 header,
     * each record's keys and values as msgpack bin (in_tail's ASCII-8BIT strings), EventTime times.
     */
    private static byte[] fluentdFrame(String tag, String chunk) throws IOException {
        byte[] entries;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            entry(p, "id", "fd-0", "msg", "hello");
            entry(p, "id", "fd-1", "user", "ユーザー", "parameter", "name=camera2&token=" + SECRET);
            entries = p.toByteArray();
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packString(tag);
            frame.write(p.toByteArray());
        }
        frame.write(0xdb);
        frame.write(ByteBuffer.allocate(4).putInt(entries.length).array());
        frame.write(entries);
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(2).packString("size").packInt(2).packString("chunk").packString(chunk);
            frame.write(p.toByteArray());
        }
        return frame.toByteArray();
    }

    private static void entry(MessagePacker p, String... keysAndValues) throws IOException {
        p.packArrayHeader(2);
        p.packExtensionTypeHeader((byte) 0, 8);
        p.writePayload(ByteBuffer.allocate(8).putInt((int) TIME).putInt(0).array());
        p.packMapHeader(keysAndValues.length / 2);
        for (String s : keysAndValues) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        }
    }

    private static String metrics(int port) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static String readAck(InputStream in) throws IOException {
        MessageUnpacker u = MessagePack.newDefaultUnpacker(new DataInputStream(in));
        int n = u.unpackMapHeader();
        String ack = null;
        for (int i = 0; i < n; i++) {
            String key = u.unpackString();
            if (key.equals("ack")) {
                ack = u.unpackString();
            } else {
                u.skipValue();
            }
        }
        return ack;
    }

    private static List<JsonNode> awaitRecords(Path out, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonNode> records = List.of();
        while (records.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            records = read(out);
        }
        return records;
    }

    private static List<JsonNode> read(Path out) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.isDirectory(out)) {
            return records;
        }
        ObjectMapper json = new ObjectMapper();
        List<Path> all;
        try (Stream<Path> files = Files.walk(out)) {
            all = files.filter(p -> p.toString().endsWith(".json.gz")).toList();
        } catch (UncheckedIOException renamedMidWalk) {
            return List.of(); // a temporary file renamed while the walk listed it: read again
        }
        for (Path f : all) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                for (String line :
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        records.add(json.readTree(line));
                    }
                }
            } catch (IOException e) {
                return List.of(); // a file still being written: read again
            }
        }
        return records;
    }
}
