package dev.hakobu.outputs.aws;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** The SDK credentials provider for a config: static keys or the default chain, optionally assuming a role. */
public final class AwsCredentials {
    private AwsCredentials() {}

    public static AwsCredentialsProvider provider(
            Optional<AwsCredentialsConfig> config, Region region) {
        AwsCredentialsProvider base =
                config.flatMap(
                                cr ->
                                        cr.accessKeyId()
                                                .map(
                                                        id ->
                                                                (AwsCredentialsProvider)
                                                                        StaticCredentialsProvider
                                                                                .create(
                                                                                        AwsBasicCredentials
                                                                                                .create(
                                                                                                        id,
                                                                                                        cr.secretAccessKey()
                                                                                                                .orElseThrow()))))
                        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        if (config.flatMap(AwsCredentialsConfig::roleArn).isEmpty()) {
            return base;
        }
        AwsCredentialsConfig cr = config.get();
        StsClient sts =
                StsClient.builder()
                        .region(region)
                        .credentialsProvider(base)
                        .httpClient(ApacheHttpClient.builder().build())
                        .build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(
                        r -> {
                            r.roleArn(cr.roleArn().get()).roleSessionName(cr.roleSessionName());
                            cr.externalId().ifPresent(r::externalId);
                        })
                .build();
    }
}
