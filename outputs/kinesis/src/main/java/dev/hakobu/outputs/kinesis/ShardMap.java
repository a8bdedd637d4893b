package dev.hakobu.outputs.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The open shards of a stream by hash key range, as ListShards returned them: which shard a partition
 * key's records land on. Kinesis maps a record to the shard whose range holds its explicit hash key, by
 * default the MD5 of the partition key read as a 128-bit unsigned integer. Immutable.
 */
final class ShardMap {
    /** One open shard: its id and its inclusive hash key range. */
    record Range(String shardId, BigInteger start, BigInteger end) {}

    private final List<Range> ranges;

    private ShardMap(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** From ListShards: closed shards (those with an ending sequence number) take no new records. */
    static ShardMap of(List<Shard> shards) {
        List<Range> open = new ArrayList<>();
        for (Shard s : shards) {
            if (s.sequenceNumberRange() != null
                    && s.sequenceNumberRange().endingSequenceNumber() != null) {
                continue;
            }
            open.add(
                    new Range(
                            s.shardId(),
                            new BigInteger(s.hashKeyRange().startingHashKey()),
                            new BigInteger(s.hashKeyRange().endingHashKey())));
        }
        if (open.isEmpty()) {
            throw new IllegalArgumentException("the stream has no open shard");
        }
        open.sort(Comparator.comparing(Range::start));
        return new ShardMap(List.copyOf(open));
    }

    List<Range> ranges() {
        return ranges;
    }

    /** The hash key Kinesis derives from a partition key: its MD5 as an unsigned 128-bit integer. */
    static BigInteger hashKey(String partitionKey) {
        return new BigInteger(1, KplAggregator.md5(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** The shard whose range holds {@code hashKey}, or the first one if a gap in the map (mid-reshard) holds it. */
    Range shardFor(BigInteger hashKey) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ranges.get(mid).start().compareTo(hashKey) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Range r = ranges.get(lo);
        return r.start().compareTo(hashKey) <= 0 && r.end().compareTo(hashKey) >= 0
                ? r
                : ranges.get(0);
    }
}
