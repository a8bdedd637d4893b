package dev.hakobu.outputs.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.testing.MutableClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** The shard map, its refreshes, and aggregates that stay within their shard and their size. */
class ShardPackingTest {
    private static final BigInteger MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    /** {@code n} open shards splitting the hash key space evenly. */
    private static List<Shard> shards(int n) {
        List<Shard> shards = new ArrayList<>();
        BigInteger step = BigInteger.TWO.pow(128).divide(BigInteger.valueOf(n));
        for (int i = 0; i < n; i++) {
            BigInteger start = step.multiply(BigInteger.valueOf(i));
            BigInteger end = i == n - 1 ? MAX : start.add(step).subtract(BigInteger.ONE);
            String id = String.format("shardId-%012d", i);
            shards.add(
                    Shard.builder()
                            .shardId(id)
                            .hashKeyRange(
                                    r ->
                                            r.startingHashKey(start.toString())
                                                    .endingHashKey(end.toString()))
                            .sequenceNumberRange(r -> r.startingSequenceNumber("1"))
                            .build());
        }
        return shards;
    }

    @Test
    void aKeyMapsToTheShardWhoseRangeHoldsItsMd5AndClosedShardsAreLeftOut() {
        List<Shard> listed = new ArrayList<>(shards(4));
        listed.add(
                Shard.builder()
                        .shardId("shardId-closed")
                        .hashKeyRange(r -> r.startingHashKey("0").endingHashKey(MAX.toString()))
                        .sequenceNumberRange(
                                r -> r.startingSequenceNumber("0").endingSequenceNumber("9"))
                        .build());
        ShardMap map = ShardMap.of(listed);
        assertThat(map.ranges()).hasSize(4);
        // md5sum: u1 e4774cdd..., u2 270c1b08...; quarters start at 00, 40, 80, c0
        assertThat(ShardMap.hashKey("u1").toString(16))
                .isEqualTo("e4774cdda0793f86414e8b9140bb6db4");
        assertThat(map.shardFor(ShardMap.hashKey("u1")).shardId())
                .isEqualTo("shardId-000000000003");
        assertThat(map.shardFor(ShardMap.hashKey("u2")).shardId())
                .isEqualTo("shardId-000000000000");
        assertThat(map.shardFor(MAX).shardId()).isEqualTo("shardId-000000000003");
        assertThat(map.shardFor(BigInteger.ZERO).shardId()).isEqualTo("shardId-000000000000");
    }

    @Test
    void theMapIsListedOnceAMinuteAgainAfterAnInvalidationAndKeptWhenListingFails() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
        int[] calls = {0};
        boolean[] fail = {false};
        ShardMapSource source =
                new ShardMapSource(
                        "s",
                        token -> {
                            calls[0]++;
                            if (fail[0]) {
                                throw SdkClientException.create("connection refused");
                            }
                            return ListShardsResponse.builder().shards(shards(2)).build();
                        },
                        clock);
        assertThat(source.current()).isPresent();
        assertThat(source.current()).isPresent();
        assertThat(calls[0]).isEqualTo(1);
        clock.advance(Duration.ofSeconds(59));
        source.current();
        assertThat(calls[0]).isEqualTo(1);
        source.invalidate();
        source.current();
        assertThat(calls[0]).isEqualTo(2);
        clock.advance(Duration.ofSeconds(60));
        fail[0] = true;
        assertThat(source.current()).as("the last map is kept").isPresent();
        assertThat(calls[0]).isEqualTo(3);
        clock.advance(Duration.ofSeconds(29));
        source.current();
        assertThat(calls[0]).as("no listing before 30 s").isEqualTo(3);
    }

    @Test
    void withoutAnyMapTheSourceIsEmpty() {
        ShardMapSource source =
                new ShardMapSource(
                        "s",
                        token -> {
                            throw SdkClientException.create("AccessDenied");
                        },
                        new MutableClock(Instant.EPOCH));
        assertThat(source.current()).isEmpty();
    }

    @Test
    void everyAggregateHoldsOnlyItsShardsKeysStaysWithinItsSizeAndNamesAHashKeyInItsShard()
            throws Exception {
        ShardMap map = ShardMap.of(shards(3));
        List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            byte[] data = ("{\"user\":\"u" + i % 700 + "\",\"n\":" + i + "}\n").getBytes();
            records.add(new UserRecord(i, "u" + i % 700, data));
        }
        int max = 4096;
        List<KinesisEntry> entries =
                new KplAggregator(max).pack(records, Optional.of(map), () -> "r");
        List<Integer> seen = new ArrayList<>();
        for (KinesisEntry e : entries) {
            assertThat(e.size()).isLessThanOrEqualTo(max);
            ShardMap.Range shard = map.shardFor(new BigInteger(e.explicitHashKey()));
            assertThat(shard.shardId()).isEqualTo(e.shardId());
            List<KplDeaggregator.UserRecord> users =
                    KplDeaggregator.unpack(e.partitionKey(), e.data());
            assertThat(users).hasSize(e.sources().length);
            for (int i = 0; i < users.size(); i++) {
                assertThat(KplDeaggregator.inShard(users.get(i), shard)).isTrue();
                assertThat(new String(users.get(i).data(), StandardCharsets.UTF_8))
                        .isEqualTo(
                                new String(
                                        records.get(e.sources()[i]).data(),
                                        StandardCharsets.UTF_8));
                seen.add(e.sources()[i]);
            }
        }
        assertThat(seen).hasSize(5_000).doesNotHaveDuplicates();
        assertThat(entries.size()).isLessThan(5_000 / 50);
    }
}
