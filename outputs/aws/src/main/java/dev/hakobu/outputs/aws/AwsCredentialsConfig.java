package dev.hakobu.outputs.aws;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.util.Optional;

@Doc(
        "Where AWS credentials come from (S3, Kinesis). Keys belong in the environment: access_key_id: ${AWS_ACCESS_KEY_ID}.")
public record AwsCredentialsConfig(
        @Doc(
                        "Static access key id (S3-compatible stores, local emulators); the default chain when absent.")
                Optional<String> accessKeyId,
        @Doc("Static secret access key.") Optional<String> secretAccessKey,
        @Doc("Assume this role (ARN) with the base credentials.") Optional<String> roleArn,
        @Doc("Session name for the assumed role.") @Default("hakobu") String roleSessionName,
        @Doc("External id the role's trust policy asks for.") Optional<String> externalId) {

    public AwsCredentialsConfig {
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException(
                    "access_key_id: give both access_key_id and secret_access_key, or neither");
        }
        if (externalId.isPresent() && roleArn.isEmpty()) {
            throw new IllegalArgumentException("external_id: only used with role_arn");
        }
    }
}
