package dev.hakobu.outputs.s3;

import dev.hakobu.outputs.aws.AwsCredentials;
import java.net.URI;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the SDK client from the config: region, endpoint, path style, credentials (chain, static, assume-role). */
final class S3Clients {
    private S3Clients() {}

    static S3Client build(S3OutputConfig c) {
        Region region = Region.of(c.region());
        var builder =
                S3Client.builder()
                        .region(region)
                        .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
                        .credentialsProvider(AwsCredentials.provider(c.credentials(), region))
                        .serviceConfiguration(
                                S3Configuration.builder()
                                        .pathStyleAccessEnabled(c.pathStyle())
                                        .build());
        c.endpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }
}
