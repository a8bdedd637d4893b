package dev.hakobu.outputs.kinesis;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads every record of a stream, shard by shard from the trim horizon, as a consumer would. */
final class StreamReader {
    /** A record as read, with the shard it came from. */
    record Read(String shardId, String partitionKey, byte[] data) {}

    private StreamReader() {}

    static List<Read> readAll(KinesisClient client, String stream) {
        List<Read> all = new ArrayList<>();
        for (Shard shard : client.listShards(r -> r.streamName(stream)).shards()) {
            String iterator =
                    client.getShardIterator(
                                    r ->
                                            r.streamName(stream)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse page = client.getRecords(r -> r.shardIterator(it).limit(10_000));
                for (Record rec : page.records()) {
                    all.add(
                            new Read(
                                    shard.shardId(), rec.partitionKey(), rec.data().asByteArray()));
                }
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return all;
    }
}
