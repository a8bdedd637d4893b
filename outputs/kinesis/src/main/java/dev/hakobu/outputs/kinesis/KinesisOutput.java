package dev.hakobu.outputs.kinesis;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Health;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.deadletter.DeadLetterWriter;
import dev.hakobu.outputs.retry.BatchSender.Reply;
import dev.hakobu.outputs.retry.ItemOutcome;
import dev.hakobu.outputs.retry.PartialRetryWriter;
import dev.hakobu.outputs.retry.PartialRetryWriter.Outcome;
import dev.hakobu.outputs.retry.Pause;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** See the package contract. Thread-safe: a write keeps its state on its own stack. */
final class KinesisOutput implements Output {
    private final KinesisOutputConfig config;
    private final KinesisClient client;
    private final KinesisRecordBuilder builder;
    private final KplAggregator aggregator;
    private final DeadLetterWriter deadLetters;
    private final DeliveredRecords delivered = new DeliveredRecords(1024);
    private final RandomGenerator random;
    private final OutputCounters counters = new OutputCounters();
    private final PartialRetryWriter<KinesisEntry> writer;
    private final ShardMapSource shards;
    private final OutageLog outage;
    private final AtomicBoolean closed = new AtomicBoolean();

    KinesisOutput(
            KinesisOutputConfig config,
            OutputContext context,
            KinesisClient client,
            Pause pause,
            RandomGenerator random) {
        this.config = config;
        this.client = client;
        this.builder =
                new KinesisRecordBuilder(
                        config.partitionKeyField(),
                        config.eventTime()
                                .field(KinesisOutputConfig.DEFAULT_TIME_KEY, config.timeZone()),
                        config.tagKey().isEmpty()
                                ? Optional.empty()
                                : Optional.of(config.tagKey()));
        this.aggregator = new KplAggregator(config.aggregationMaxBytes().intBytes());
        this.shards = ShardMapSource.of(client, config.stream(), context.clock());
        this.outage =
                new OutageLog(
                        context.name(),
                        LoggerFactory.getLogger(KinesisOutput.class),
                        context.clock());
        this.deadLetters = new DeadLetterWriter(context.deadLetterDir(), context.name());
        this.random = random;
        this.writer =
                new PartialRetryWriter<>(
                        PutRecordsBatcher::split,
                        e -> e.sources().length,
                        () -> config.itemRetry().budget(random, pause),
                        deadLetters,
                        counters);
    }

    /**
     * Puts the chunk's records not yet taken by an earlier try, resending only the records a call
     * reports as failed within the item retry budget; records Kinesis took are never sent again by this
     * process. Delivered once every record was taken or (over 1 MiB) is on disk in the dead-letter folder;
     * Retry with the rest remembered otherwise.
     */
    @Override
    public WriteResult write(Chunk chunk) {
        boolean again = delivered.knows(chunk.id());
        BitSet done = delivered.get(chunk.id());
        KinesisRecordBuilder.Records records = builder.build(chunk, done);
        counters.recordsIn.add(records.send().size() + records.tooLarge().size());
        if (again) {
            // the records an earlier write of this chunk left: sent again
            counters.recordsRetried.add(records.send().size());
        }
        try {
            if (deadLetters.write(chunk, records.tooLarge()) != null) {
                counters.recordsDeadLettered.add(records.tooLarge().size());
            }
        } catch (IOException e) {
            return new WriteResult.Retry(
                    "cannot write too-large records to the dead-letter folder "
                            + deadLetters.dir()
                            + ": "
                            + e);
        }
        records.tooLarge().forEach(d -> done.set(d.index()));
        Outcome outcome = writer.write(chunk, entries(records.send()), call -> put(call, done));
        if (outcome instanceof Outcome.Delivered) {
            int missing = chunk.count() - done.cardinality();
            if (missing > 0) {
                delivered.remember(chunk.id(), done);
                return new WriteResult.Retry(
                        missing
                                + " records landed on a shard other than the one they were packed for"
                                + " (the stream was resharded); they go again, packed for the new shards");
            }
            delivered.forget(chunk.id());
            return WriteResult.DELIVERED;
        }
        if (outcome instanceof Outcome.Left left) {
            delivered.remember(chunk.id(), done);
            return new WriteResult.Retry(
                    left.records()
                            + " of "
                            + chunk.count()
                            + " records not taken after "
                            + left.retries()
                            + " retries (the others will not be sent again); last: "
                            + left.lastProblem());
        }
        // put() neither refuses records nor rejects calls: records Kinesis would refuse were
        // dead-lettered above
        throw new IllegalStateException("unexpected outcome of a Kinesis write: " + outcome);
    }

    private List<KinesisEntry> entries(List<UserRecord> records) {
        if (config.aggregation()) {
            return aggregator.pack(records, shards.current(), this::randomKey);
        }
        List<KinesisEntry> entries = new ArrayList<>(records.size());
        for (UserRecord r : records) {
            String key = r.partitionKey() == null ? randomKey() : r.partitionKey();
            entries.add(new KinesisEntry(key, r.data(), new int[] {r.index()}));
        }
        return entries;
    }

    /** One PutRecords call: marks what Kinesis took in {@code done}; {@link KinesisErrorClassifier} decides the rest. */
    private Reply put(List<KinesisEntry> call, BitSet done) {
        List<PutRecordsRequestEntry> request = new ArrayList<>(call.size());
        long bytes = 0;
        int records = 0;
        for (KinesisEntry e : call) {
            request.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey(e.partitionKey())
                            .explicitHashKey(e.explicitHashKey())
                            .data(SdkBytes.fromByteArrayUnsafe(e.data()))
                            .build());
            bytes += e.size();
            records += e.sources().length;
        }
        counters.requests.increment();
        counters.bytesOut.add(bytes);
        PutRecordsResponse response;
        try {
            response = client.putRecords(r -> r.streamName(config.stream()).records(request));
        } catch (SdkException e) {
            counters.requestError(KinesisErrorClassifier.callError(e));
            String reason = KinesisErrorClassifier.describe(e);
            outage.failed(reason, records);
            return new Reply.RetryAll(reason);
        }
        List<ItemOutcome> outcomes = new ArrayList<>(call.size());
        List<PutRecordsResultEntry> results = response.records();
        String refused = null;
        int refusedCount = 0;
        boolean offMap = false;
        for (int i = 0; i < call.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            KinesisEntry entry = call.get(i);
            switch (KinesisErrorClassifier.entry(result.errorCode())) {
                case DELIVERED -> {
                    if (landedOffMap(entry, result)) {
                        // the KCL reading that shard drops the sub-records outside its range: as
                        // the
                        // KPL does, send them all again (write() sees them missing), packed anew
                        offMap = true;
                    } else {
                        for (int source : entry.sources()) {
                            done.set(source);
                        }
                    }
                    outcomes.add(ItemOutcome.DELIVERED);
                }
                case RETRY -> {
                    refused = result.errorCode() + ": " + result.errorMessage();
                    refusedCount++;
                    outcomes.add(new ItemOutcome.Retry(refused));
                }
            }
        }
        if (offMap) {
            shards.invalidate();
        }
        if (refused != null && refusedCount == call.size()) {
            outage.failed(refused, records);
        } else {
            outage.succeeded();
        }
        return new Reply.PerItem(outcomes);
    }

    /**
     * An aggregate packed for one shard that Kinesis put on another: the stream was resharded. (A plain
     * record may land anywhere: the KCL filters only sub-records of aggregates by the shard's range.)
     */
    private static boolean landedOffMap(KinesisEntry entry, PutRecordsResultEntry result) {
        return entry.sources().length > 1
                && entry.shardId() != null
                && result.shardId() != null
                && !entry.shardId().equals(result.shardId());
    }

    private String randomKey() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public Health health() {
        try {
            var s =
                    client.describeStreamSummary(r -> r.streamName(config.stream()))
                            .streamDescriptionSummary();
            String status = s.streamStatusAsString();
            boolean up = "ACTIVE".equals(status) || "UPDATING".equals(status);
            return new Health(
                    up,
                    config.stream() + " " + status + ", " + s.openShardCount() + " open shards");
        } catch (SdkException e) {
            return Health.down(KinesisErrorClassifier.describe(e));
        }
    }

    /**
     * At least once, duplicates possible: records carry no id Kinesis could deduplicate by. Records taken
     * are remembered in memory (for the last 1,024 chunks left with a Retry) and not resent by this process,
     * but after a restart the whole chunk is sent again, and a call that failed as a whole (a timeout) may
     * have stored records that are then resent.
     */
    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public Optional<OutputCounters> counters() {
        return Optional.of(counters);
    }

    /** Closes the SDK client once; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }
}
