package dev.hakobu.outputs.kinesis;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputContext;
import dev.hakobu.outputs.aws.AwsCredentialsConfig;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.retry.ItemRetryConfig;
import dev.hakobu.outputs.retry.Pause;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Random;

@Doc(
        "Records in a Kinesis data stream (PutRecords), one JSON line per record, optionally packed in KPL aggregated records.")
public record KinesisOutputConfig(
        @Doc("Stream name.") String stream,
        @Doc("AWS region.") @Default("us-east-1") String region,
        @Doc(
                        "Endpoint override, e.g. http://127.0.0.1:4567 for a local emulator or a VPC endpoint.")
                Optional<String> endpoint,
        @Doc(
                        "Credentials; the default AWS chain (environment, profile, instance role, web identity) when absent.")
                Optional<AwsCredentialsConfig> credentials,
        @Doc(
                        "Top-level record field whose value is the partition key (records with the same value keep their order); random when absent or missing.")
                Optional<String> partitionKeyField,
        @Doc("Zone of the event time's offset.") @Default("UTC") ZoneId timeZone,
        @Doc("The event time written into each record: on by default, under time.")
                EventTimeConfig eventTime,
        @Doc(
                        "Field that carries the record's tag in every record, so a consumer can tell the log types apart (it replaces a field of that name); empty: none.")
                @Default("tag")
                String tagKey,
        @Doc(
                        "Pack small records into KPL aggregated records, grouped by shard as the KPL does (needs kinesis:ListShards), which the Kinesis Client Library and Lambda's KPL de-aggregation unpack.")
                @Default("false")
                boolean aggregation,
        @Doc("Largest aggregated record (the KPL's default is 50KiB; at most 1MiB).")
                @Default("50KiB")
                DataSize aggregationMaxBytes,
        @Doc(
                        "Retries of records that failed (throughput exceeded, internal failure) within one write.")
                ItemRetryConfig itemRetry)
        implements OutputConfig {

    public KinesisOutputConfig {
        if (!stream.matches("[a-zA-Z0-9_.-]{1,128}")) {
            throw new IllegalArgumentException(
                    "stream: 1-128 letters, digits, '_', '.', '-' (the stream name, not its ARN)");
        }
        if (partitionKeyField.isPresent() && partitionKeyField.get().isEmpty()) {
            throw new IllegalArgumentException(
                    "partition_key_field: empty; leave it out for random partition keys");
        }
        if (aggregationMaxBytes.bytes() < 1024
                || aggregationMaxBytes.bytes() > KinesisLimits.MAX_RECORD_BYTES - 1024) {
            throw new IllegalArgumentException(
                    "aggregation_max_bytes: between 1KiB and 1MiB less 1KiB for the partition key");
        }
    }

    /** The field written when event_time names none. */
    static final String DEFAULT_TIME_KEY = "time";

    @Override
    public Output build(OutputContext context) {
        return build(context, KinesisClients.build(this), Pause.SLEEP);
    }

    KinesisOutput build(
            OutputContext context,
            software.amazon.awssdk.services.kinesis.KinesisClient client,
            Pause pause) {
        return new KinesisOutput(this, context, client, pause, new Random());
    }
}
