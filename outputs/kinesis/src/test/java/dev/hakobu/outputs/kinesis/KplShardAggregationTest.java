package dev.hakobu.outputs.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.conformance.TestChunks.Event;
import dev.hakobu.outputs.retry.Pause;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * KPL aggregation by shard on a stream of several shards, read back and de-aggregated with the KCL's
 * rules: the magic and MD5 checked, each sub-record's partition key and hash key, and the KCL's filter
 * that drops sub-records outside the shard being read.
 */
class KplShardAggregationTest {
    private static final int RECORDS = 34_330;
    private static final int USERS = 9_000;
    private static KinesisLocal kinesis;

    @TempDir Path dir;

    @BeforeAll
    static void start() throws Exception {
        kinesis = KinesisLocal.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kinesis.close();
    }

    /** Photo-community clicks: many users, each a few records, keyed by user. */
    private static List<Chunk> chunks() {
        List<Chunk> chunks = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("user", "u" + (i * 7919 % USERS));
            record.put("seq", i);
            record.put("photo", "p" + (i % 1000));
            events.add(new Event((1_597_371_753L + i) * 1_000_000_000L, record));
            if (events.size() == 5_000 || i == RECORDS - 1) {
                chunks.add(TestChunks.chunk("c" + chunks.size(), "photo.click", events));
                events = new ArrayList<>();
            }
        }
        return chunks;
    }

    @Test
    void recordsOfManyKeysArePackedPerShardAndEveryOneIsReadBackOnceOnItsShard() throws Exception {
        kinesis.createStream("by-shard", 4);
        KinesisOutputConfig c =
                KinesisOutputTest.config(kinesis.endpoint(), "by-shard", Optional.of("user"), true);
        List<Chunk> chunks = chunks();
        int byKey = 0;
        try (KinesisOutput out =
                c.build(
                        new OutputContext("clicks", "n1", Clock.systemUTC(), dir),
                        kinesis.client(),
                        Pause.SLEEP)) {
            for (Chunk chunk : chunks) {
                byKey += packedByKeyOnly(c, chunk);
                assertThat(out.write(chunk)).isEqualTo(WriteResult.DELIVERED);
            }
        }
        List<StreamReader.Read> read;
        ShardMap map;
        try (KinesisClient client = kinesis.client()) {
            read = StreamReader.readAll(client, "by-shard");
            map = ShardMap.of(client.listShards(r -> r.streamName("by-shard")).shards());
        }
        Map<String, ShardMap.Range> ranges = new HashMap<>();
        map.ranges().forEach(r -> ranges.put(r.shardId(), r));
        assertThat(ranges).hasSize(4);

        Map<Integer, Integer> seen = new HashMap<>();
        int mixedKeys = 0;
        for (StreamReader.Read r : read) {
            assertThat(KplDeaggregator.isAggregated(r.data()))
                    .as("every record of this stream is an aggregate (magic and MD5)")
                    .isTrue();
            ShardMap.Range shard = ranges.get(r.shardId());
            List<KplDeaggregator.UserRecord> users =
                    KplDeaggregator.unpack(r.partitionKey(), r.data());
            if (users.stream().map(KplDeaggregator.UserRecord::partitionKey).distinct().count()
                    > 1) {
                mixedKeys++;
            }
            for (KplDeaggregator.UserRecord u : users) {
                assertThat(KplDeaggregator.inShard(u, shard))
                        .as("the KCL keeps %s on %s", u.partitionKey(), r.shardId())
                        .isTrue();
                assertThat(u.hashKey()).isEqualTo(ShardMap.hashKey(u.partitionKey()));
                String text = new String(u.data(), StandardCharsets.UTF_8);
                assertThat(text)
                        .startsWith("{\"user\":\"" + u.partitionKey() + "\",\"seq\":")
                        .endsWith(",\"tag\":\"photo.click\"}\n");
                int seq = Integer.parseInt(text.replaceAll(".*\"seq\":(\\d+),.*\\n", "$1"));
                assertThat(text).contains("\"user\":\"u" + (seq * 7919 % USERS) + "\"");
                seen.merge(seq, 1, Integer::sum);
            }
        }
        assertThat(seen).hasSize(RECORDS);
        assertThat(seen.values()).containsOnly(1);
        assertThat(mixedKeys).as("aggregates hold many keys").isEqualTo(read.size());
        System.out.printf(
                "KPL packing of %,d records of %,d keys on 4 shards: %,d Kinesis records by shard,"
                        + " %,d by partition key only%n",
                RECORDS, USERS, read.size(), byKey);
        assertThat(read.size()).as("records by shard").isLessThan(byKey / 50);
    }

    @Test
    void afterAReshardTheAggregatesPackedForOldShardsAreSentAgainForTheNewOnesAndTheKclLosesNone()
            throws Exception {
        kinesis.createStream("reshard", 2);
        KinesisOutputConfig c =
                KinesisOutputTest.config(kinesis.endpoint(), "reshard", Optional.of("user"), true);
        List<Chunk> chunks = chunks();
        try (KinesisClient client = kinesis.client();
                KinesisOutput out =
                        c.build(
                                new OutputContext("clicks", "n1", Clock.systemUTC(), dir),
                                kinesis.client(),
                                Pause.SLEEP)) {
            assertThat(out.write(chunks.get(0))).isEqualTo(WriteResult.DELIVERED);
            client.updateShardCount(
                    r ->
                            r.streamName("reshard")
                                    .targetShardCount(4)
                                    .scalingType(ScalingType.UNIFORM_SCALING));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (client.describeStreamSummary(r -> r.streamName("reshard"))
                            .streamDescriptionSummary()
                            .streamStatus()
                    != StreamStatus.ACTIVE) {
                assertThat(System.nanoTime()).as("stream active again").isLessThan(deadline);
                Thread.sleep(50);
            }
            WriteResult first = out.write(chunks.get(1));
            assertThat(first)
                    .as("the map was listed before the reshard")
                    .isInstanceOf(WriteResult.Retry.class);
            assertThat(((WriteResult.Retry) first).reason()).contains("resharded");
            assertThat(out.write(chunks.get(1))).isEqualTo(WriteResult.DELIVERED);
            assertThat(out.write(chunks.get(2))).isEqualTo(WriteResult.DELIVERED);
        }
        Map<Integer, Integer> kept = new HashMap<>();
        try (KinesisClient client = kinesis.client()) {
            Map<String, ShardMap.Range> ranges = new HashMap<>();
            for (Shard s : client.listShards(r -> r.streamName("reshard")).shards()) {
                ranges.put(
                        s.shardId(),
                        new ShardMap.Range(
                                s.shardId(),
                                new BigInteger(s.hashKeyRange().startingHashKey()),
                                new BigInteger(s.hashKeyRange().endingHashKey())));
            }
            for (StreamReader.Read r : StreamReader.readAll(client, "reshard")) {
                for (KplDeaggregator.UserRecord u :
                        KplDeaggregator.unpack(r.partitionKey(), r.data())) {
                    if (!KplDeaggregator.isAggregated(r.data())
                            || KplDeaggregator.inShard(u, ranges.get(r.shardId()))) {
                        String text = new String(u.data(), StandardCharsets.UTF_8);
                        kept.merge(
                                Integer.parseInt(text.replaceAll(".*\"seq\":(\\d+),.*\\n", "$1")),
                                1,
                                Integer::sum);
                    }
                }
            }
        }
        assertThat(kept)
                .as("every record of the three chunks, as the KCL reads them")
                .hasSize(15_000);
        assertThat(kept.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                .as("only the chunk written across the reshard may repeat")
                .allMatch(seq -> seq >= 5_000 && seq < 10_000);
    }

    /** How many Kinesis records the chunk made when only records with one partition key were packed together. */
    private static int packedByKeyOnly(KinesisOutputConfig c, Chunk chunk) {
        KinesisRecordBuilder builder =
                new KinesisRecordBuilder(
                        c.partitionKeyField(),
                        c.eventTime().field("time", c.timeZone()),
                        Optional.of("tag"));
        KinesisRecordBuilder.Records records = builder.build(chunk, new java.util.BitSet());
        Random random = new Random(1);
        return new KplAggregator(c.aggregationMaxBytes().intBytes())
                .pack(records.send(), Optional.empty(), () -> "r" + random.nextInt())
                .size();
    }
}
