package dev.hakobu.outputs.s3;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Builds the SDK client from the config: region, endpoint, path style, credentials (chain, static, assume-role). */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client build(S3OutputConfig c) {
        Region region = Region.of(c.region());
        var builder = S3Client.builder()
                .region(region)
                .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
                .credentialsProvider(credentials(c, region))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(c.pathStyle()).build());
        c.endpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3OutputConfig c, Region region) {
        AwsCredentialsProvider base = c.credentials()
                .flatMap(cr -> cr.accessKeyId().map(id -> (AwsCredentialsProvider) StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(id, cr.secretAccessKey().orElseThrow()))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        if (c.credentials().flatMap(S3CredentialsConfig::roleArn).isEmpty()) {
            return base;
        }
        S3CredentialsConfig cr = c.credentials().get();
        StsClient sts = StsClient.builder().region(region).credentialsProvider(base)
                .httpClient(ApacheHttpClient.builder().build()).build();
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(r -> {
            r.roleArn(cr.roleArn().get()).roleSessionName(cr.roleSessionName());
            cr.externalId().ifPresent(r::externalId);
        }).build();
    }
}
