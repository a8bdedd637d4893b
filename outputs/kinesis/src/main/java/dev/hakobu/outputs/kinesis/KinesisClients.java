package dev.hakobu.outputs.kinesis;

import dev.hakobu.outputs.aws.AwsCredentials;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The sync SDK client on Apache HTTP. The SDK's own retries are off: the output resends only the
 * records that failed, with its own budget, and would otherwise wait twice.
 */
final class KinesisClients {
    private KinesisClients() {}

    static KinesisClient build(KinesisOutputConfig c) {
        Region region = Region.of(c.region());
        var builder =
                KinesisClient.builder()
                        .region(region)
                        .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
                        .credentialsProvider(AwsCredentials.provider(c.credentials(), region))
                        .overrideConfiguration(
                                o ->
                                        o.retryStrategy(AwsRetryStrategy.doNotRetry())
                                                .apiCallTimeout(Duration.ofSeconds(30)));
        c.endpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }
}
