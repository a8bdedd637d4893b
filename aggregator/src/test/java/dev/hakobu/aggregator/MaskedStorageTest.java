package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.luben.zstd.ZstdInputStream;
import dev.hakobu.aggregator.buffer.BufferStats;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeRegistry;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ForwardClientConfig;
import dev.hakobu.forward.ForwardClientConfig.Compression;
import dev.hakobu.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.slf4j.LoggerFactory;

/**
 * Story S1 records with secrets in every shape the masker reads (issue #16), sent over the Forward
 * protocol to a running aggregator: no secret byte reaches the disk buffer, the gzip and zstd output
 * files, the dead-letter folder of an output that keeps failing, or the log. Masking comes only from the
 * top-level {@code mask} block: one route has rules of its own for something else, one has none, and the
 * default route takes a tag no route matches.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaskedStorageTest {
    private static final byte[] SECRET = "S3CR3T".getBytes(StandardCharsets.US_ASCII);

    /**
     * The secret as raw bytes and as base64 at each of the three alignments: the JSON encoder writes a
     * binary value it is given as base64, so an unmasked bin secret would not show as raw bytes.
     */
    private static final List<byte[]> NEEDLES = needles();

    private static List<byte[]> needles() {
        List<byte[]> needles = new ArrayList<>(List.of(SECRET));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + SECRET.length];
            System.arraycopy(SECRET, 0, shifted, shift, SECRET.length);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int from = (shift * 4 + 2) / 3; // the first character that depends on the secret only
            int to = (shifted.length * 8) / 6; // the last whole character
            needles.add(b64.substring(from, to).getBytes(StandardCharsets.US_ASCII));
        }
        return needles;
    }

    @TempDir Path work;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger hakobu = (Logger) LoggerFactory.getLogger("dev.hakobu");
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private Level hakobuLevel;

    @BeforeEach
    void captureLogs() {
        log.start();
        hakobuLevel = hakobu.getLevel();
        hakobu.setLevel(Level.DEBUG); // everything Hakobu says, not only what reaches the console
        hakobu.addAppender(log);
        hakobu.setAdditive(false);
        root.addAppender(log);
    }

    @AfterEach
    void restoreLogs() {
        hakobu.detachAppender(log);
        root.detachAppender(log);
        hakobu.setAdditive(true);
        hakobu.setLevel(hakobuLevel);
    }

    /** The value of {@code parameter} in every shape; each secret spells S3CR3T. */
    private static List<Object> parameters() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("token", "S3CR3T06");
        object.put("name", "hoge");
        return List.of(
                "name=hoge&token=S3CR3T01",
                "?name=hoge;password=S3CR3T02",
                "/api/x?%74oken=S3CR3T03&name=hoge",
                "name=hoge& ToKeN[]=S3CR3T04",
                "name=hoge&%2574oken=S3CR3T05#frag",
                object,
                "{\"token\":\"S3CR3T07\",\"name\":\"hoge\"}",
                List.of(Map.of("password", "S3CR3T08"), "token=S3CR3T09&name=hoge"),
                "{\"q\":\"name=hoge&token=S3CR3T10\"}",
                "token=S3CR3T11&name=hoge".getBytes(StandardCharsets.UTF_8),
                "redirect=https%3A%2F%2Fx.example%2Fcb%3Ftoken%3DS3CR3T12&name=hoge",
                "{'token': 'S3CR3T13', 'name': 'hoge'}",
                "{\"name\":\"hoge\",\"token\":\"S3CR3T14");
    }

    private Aggregator start() throws Exception {
        Path notADirectory =
                Files.writeString(
                        work.resolve("not-a-directory"), "the broken output's root is this file");
        Path yaml = work.resolve("aggregator.yaml");
        Files.writeString(
                yaml,
                """
                node: n1
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: 0}
                buffer: {max_age: 1s, late_wait: 0s, dir: "%s"}
                delivery: {retry_initial: 20ms, retry_max: 50ms, max_retry_time: 200ms, drain_timeout: 2s}
                outputs:
                  gz: {type: file, root: "%s", compression: gzip}
                  zst: {type: file, root: "%s", compression: zstd}
                  broken: {type: file, root: "%s", compression: none}
                mask:
                  - field: parameter
                    query_params: [token, password]
                    action: redact
                routes:
                  - match: "app.**"
                    outputs: [gz, zst, broken]
                  - match: "other.**"
                    outputs: [gz]
                    mask: [{pattern: email, action: redact}]
                default_route:
                  outputs: [zst]
                """
                        .formatted(
                                work.resolve("state"),
                                work.resolve("buffer"),
                                work.resolve("out-gz"),
                                work.resolve("out-zst"),
                                notADirectory));
        return Aggregator.start(
                ConfigLoader.fromClasspath().load(yaml, AggregatorConfig.class),
                Clock.systemUTC(),
                new SplittableRandom(3));
    }

    @Test
    void noSecretReachesTheBufferTheOutputsTheDeadLettersOrTheLog() throws Exception {
        List<Object> parameters = parameters();
        try (Aggregator aggregator = start()) {
            send(aggregator, parameters);
            // acked: every chunk is in the buffers, still open (max_age 1s); read them before they
            // are delivered
            int chunks = 0;
            try (Stream<Path> walk = Files.walk(work.resolve("buffer"))) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".chunk")).toList()) {
                    byte[] content;
                    try {
                        content = Files.readAllBytes(file);
                    } catch (NoSuchFileException delivered) {
                        continue;
                    }
                    assertThat(indexOf(content, SECRET))
                            .as("a secret in the buffer chunk %s", work.relativize(file))
                            .isEqualTo(-1);
                    chunks++;
                }
            }
            assertThat(chunks).as("buffer chunks read").isPositive();
            int perTag = 2 * parameters.size();
            awaitDelivered(aggregator, "gz", 2 * perTag);
            awaitDelivered(aggregator, "zst", 2 * perTag);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (aggregator.bufferStats().get("broken").deadLetteredChunks() == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(aggregator.bufferStats().get("broken").deadLetteredChunks())
                    .as("the broken output dead-letters its chunks")
                    .isPositive();
        }

        List<Path> files;
        try (Stream<Path> walk = Files.walk(work)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files)
                .as("buffer chunks, output files and dead letters were written")
                .anyMatch(p -> p.toString().contains("dead-letter"))
                .anyMatch(p -> p.toString().endsWith(".json.gz"))
                .anyMatch(p -> p.toString().endsWith(".json.zst"));
        StringBuilder stored = new StringBuilder();
        for (Path file : files) {
            byte[] content = contentOf(file);
            for (byte[] needle : NEEDLES) {
                assertThat(indexOf(content, needle))
                        .as(
                                "a secret (%s) in %s",
                                new String(needle, StandardCharsets.US_ASCII),
                                work.relativize(file))
                        .isEqualTo(-1);
            }
            stored.append(new String(content, StandardCharsets.UTF_8));
        }
        assertThat(stored)
                .as("the other parameters were stored")
                .contains("name=hoge")
                .contains("\"name\":\"hoge\"");
        assertThat(log.list).as("something was logged (the broken output)").isNotEmpty();
        for (ILoggingEvent event : log.list) {
            String line =
                    event.getFormattedMessage()
                            + (event.getThrowableProxy() == null
                                    ? ""
                                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).as("a log line").doesNotContain("S3CR3T");
        }
    }

    @Test
    void aRecordWhoseTagMatchesNoMaskedRouteIsMaskedByTheTopLevelBlock() throws Exception {
        try (Aggregator aggregator = start()) {
            send(aggregator, List.of("name=hoge&token=S3CR3T"));
            awaitDelivered(aggregator, "gz", 4);
            awaitDelivered(aggregator, "zst", 4);
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path file :
                    walk.filter(
                                    p ->
                                            p.toString().endsWith(".json.gz")
                                                    || p.toString().endsWith(".json.zst"))
                            .toList()) {
                lines.addAll(new String(contentOf(file), StandardCharsets.UTF_8).lines().toList());
            }
        }
        // app.api: a route without rules (to gz and zst); other.api: a route with other rules (gz);
        // nomatch.api: the default route (zst)
        assertThat(lines)
                .hasSize(8)
                .allSatisfy(
                        line -> assertThat(line).contains("\"parameter\":\"name=hoge&token=***\""));
        assertThat(lines)
                .anyMatch(l -> l.contains("nomatch.api"))
                .anyMatch(l -> l.contains("other.api"))
                .anyMatch(l -> l.contains("app.api"));
    }

    @Test
    void theShippedConfigsMaskParametersOnEveryRoute() throws Exception {
        for (String file : List.of("config/aggregator.yaml", "config/aggregator-s3.yaml")) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("HAKOBU_MASK_KEY", "a-key-of-the-operators-own-0123");
            AggregatorConfig config =
                    new ConfigLoader(TypeRegistry.fromClasspath(), env)
                            .load(TestData.root().resolve(file), AggregatorConfig.class);
            assertThat(config.mask())
                    .as(file)
                    .anySatisfy(
                            rule -> {
                                assertThat(rule.field()).contains("parameter");
                                assertThat(rule.queryParams()).contains("token", "password");
                            });
        }
    }

    /** Each parameter in a record of each tag, once with strings as str and once as bin; returns after the acks. */
    private static void send(Aggregator aggregator, List<Object> parameters) throws Exception {
        ForwardClient client =
                ForwardClient.open(
                        ForwardClientConfig.defaults("127.0.0.1", aggregator.address().getPort())
                                .withSending(Compression.ZSTD, 8),
                        new SplittableRandom(4));
        try {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            SplittableRandom ids = new SplittableRandom(5);
            for (String tag : List.of("app.api", "other.api", "nomatch.api")) {
                for (boolean binary : new boolean[] {false, true}) {
                    EntryWriter entries = new EntryWriter(4096);
                    for (Object parameter : parameters) {
                        byte[] record = record(tag, parameter, binary);
                        entries.add(1_597_371_754_000_000_000L, record, 0, record.length);
                    }
                    acks.add(
                            client.send(
                                    tag,
                                    entries.array(),
                                    0,
                                    entries.size(),
                                    entries.count(),
                                    ChunkIds.newId(ids)));
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private static void awaitDelivered(Aggregator aggregator, String output, long events)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            BufferStats s = aggregator.bufferStats().get(output);
            if (s.appendedEvents() >= events && s.openChunks() == 0 && s.waitingChunks() == 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                output
                        + " did not deliver "
                        + events
                        + " events: "
                        + aggregator.bufferStats().get(output));
    }

    /** The file's bytes, decompressed when it is gzip or zstd (whatever its name says). */
    private static byte[] contentOf(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            return readAll(new GZIPInputStream(new ByteArrayInputStream(raw)));
        }
        if (raw.length >= 4
                && (raw[0] & 0xff) == 0x28
                && (raw[1] & 0xff) == 0xb5
                && (raw[2] & 0xff) == 0x2f
                && (raw[3] & 0xff) == 0xfd) {
            return readAll(new ZstdInputStream(new ByteArrayInputStream(raw)));
        }
        return raw;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** An S1 record; with {@code binary}, every string in it (keys too) is sent as msgpack bin. */
    private static byte[] record(String tag, Object parameter, boolean binary) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("timestamp", "2020-08-14T11:22:34+09:00");
        r.put("camera_id", "camera2");
        r.put("api", "/setting");
        r.put("method", "POST");
        r.put("parameter", parameter);
        r.put("user", "share-user");
        r.put("tag", tag);
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(r, p, binary);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pack(Object v, MessagePacker p, boolean binary) throws IOException {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (binary) {
                p.packBinaryHeader(b.length).writePayload(b);
            } else {
                p.packString(s);
            }
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length).writePayload(b);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pack(String.valueOf(e.getKey()), p, binary);
                pack(e.getValue(), p, binary);
            }
        } else if (v instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object item : l) {
                pack(item, p, binary);
            }
        } else {
            throw new IllegalArgumentException(String.valueOf(v));
        }
    }
}
