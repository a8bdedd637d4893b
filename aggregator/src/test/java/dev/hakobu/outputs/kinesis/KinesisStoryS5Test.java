package dev.hakobu.outputs.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.aggregator.Aggregator;
import dev.hakobu.aggregator.AggregatorConfig;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ForwardClientConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Story S5 (../shared/design/USERS.md): about 30 log types through the aggregator into one Kinesis stream,
 * where a consumer files each record by its type. Every record must say which type it is (tag_key), and
 * each type's count must be exact, read back with the KCL's de-aggregation rules. In this package to use
 * the kinesis module's test tools (kinesis-local, the de-aggregating reader).
 */
@Timeout(180)
class KinesisStoryS5Test {
    private static final int TYPES = 30;
    private static final Pattern RECORD =
            Pattern.compile(
                    "^\\{\"user\":\"u\\d+\",\"message\":\"(photo\\.type\\d\\d) (\\d+)\\.(\\d+)\",\"time\":\"[^\"]+\",\"tag\":\"(photo\\.type\\d\\d)\"\\}\\n$");

    @TempDir Path work;

    /** Each type gets its own count: 2 chunks of 40 + 7 * type records. */
    private static int perChunk(int type) {
        return 40 + 7 * type;
    }

    private static String tag(int type) {
        return String.format("photo.type%02d", type);
    }

    @Test
    void thirtyLogTypesReachKinesisEachRecordCarryingItsTypeWithExactCountsPerType()
            throws Exception {
        if (System.getProperty("hakobu.kinesis.dir") == null) {
            Path shared = Path.of("../outputs/kinesis/target/servers/kinesis");
            System.setProperty(
                    "hakobu.kinesis.dir",
                    (Files.isDirectory(shared) ? shared : Path.of("target/servers/kinesis"))
                            .toString());
        }
        try (KinesisLocal kinesis = KinesisLocal.start()) {
            kinesis.createStream("photo-logs", 4);
            Path yaml =
                    Files.writeString(
                            work.resolve("aggregator.yaml"),
                            """
                    node: n1
                    state_dir: "%s"
                    listen: {bind: 127.0.0.1, port: 0}
                    buffer: {max_age: 1s, late_wait: 0s, dir: "%s"}
                    outputs:
                      logs:
                        type: kinesis
                        stream: photo-logs
                        endpoint: %s
                        credentials: {access_key_id: local, secret_access_key: local}
                        partition_key_field: user
                        aggregation: true
                    routes:
                      - match: "photo.**"
                        outputs: [logs]
                    """
                                    .formatted(
                                            work.resolve("state"),
                                            work.resolve("buffer"),
                                            kinesis.endpoint()));
            Map<String, Integer> sent = new TreeMap<>();
            try (Aggregator aggregator =
                    Aggregator.start(
                            ConfigLoader.fromClasspath().load(yaml, AggregatorConfig.class),
                            Clock.systemUTC(),
                            new SplittableRandom(1))) {
                for (int type = 0; type < TYPES; type++) {
                    send(aggregator, tag(type), 2, perChunk(type), type);
                    sent.put(tag(type), 2 * perChunk(type));
                }
                int total = sent.values().stream().mapToInt(Integer::intValue).sum();
                List<StreamReader.Read> read = readUntil(kinesis, total);

                Map<String, Integer> perTag = new TreeMap<>();
                Map<String, Integer> seen = new TreeMap<>();
                for (StreamReader.Read r : read) {
                    for (KplDeaggregator.UserRecord u :
                            KplDeaggregator.unpack(r.partitionKey(), r.data())) {
                        String text = new String(u.data(), StandardCharsets.UTF_8);
                        Matcher m = RECORD.matcher(text);
                        assertThat(m.matches()).as(text).isTrue();
                        assertThat(m.group(4))
                                .as("the tag field is the type it was sent as")
                                .isEqualTo(m.group(1));
                        perTag.merge(m.group(4), 1, Integer::sum);
                        seen.merge(text, 1, Integer::sum);
                    }
                }
                assertThat(perTag).isEqualTo(sent);
                assertThat(seen.values()).as("no record twice").containsOnly(1);
                System.out.printf(
                        "story S5: %,d records of %d types in %,d Kinesis records%n",
                        total, TYPES, read.size());
            }
        }
    }

    /** Reads the stream until it holds {@code total} user records (or 60 s passed). */
    private static List<StreamReader.Read> readUntil(KinesisLocal kinesis, int total)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KinesisClient client = kinesis.client()) {
            while (true) {
                List<StreamReader.Read> read = StreamReader.readAll(client, "photo-logs");
                int records = 0;
                for (StreamReader.Read r : read) {
                    records += KplDeaggregator.unpack(r.partitionKey(), r.data()).size();
                }
                if (records >= total || System.nanoTime() > deadline) {
                    return read;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void send(Aggregator aggregator, String tag, int chunks, int events, long seed)
            throws Exception {
        try (ForwardClient client =
                ForwardClient.open(
                        ForwardClientConfig.defaults("127.0.0.1", aggregator.address().getPort()),
                        new SplittableRandom(seed))) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            SplittableRandom ids = new SplittableRandom(seed + 1000);
            for (int c = 0; c < chunks; c++) {
                EntryWriter entries = new EntryWriter(4096);
                for (int i = 0; i < events; i++) {
                    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                        p.packMapHeader(2)
                                .packString("user")
                                .packString("u" + (i % 97))
                                .packString("message")
                                .packString(tag + " " + c + "." + i);
                        byte[] record = p.toByteArray();
                        entries.add(1_597_371_754_000_000_000L + i, record, 0, record.length);
                    }
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
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
