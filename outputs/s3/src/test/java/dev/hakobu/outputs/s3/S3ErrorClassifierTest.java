package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.WriteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Responses as S3 sends them (status and error code) and what the output does with each. */
class S3ErrorClassifierTest {
    private static S3Exception s3(int status, String code) {
        return (S3Exception)
                S3Exception.builder()
                        .statusCode(status)
                        .message(code)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage(code)
                                        .build())
                        .build();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "500, InternalError, Retry, false",
        "503, SlowDown, Retry, false",
        "429, TooManyRequests, Retry, false",
        "403, AccessDenied, Retry, true",
        "403, InvalidAccessKeyId, Retry, true",
        "403, SignatureDoesNotMatch, Retry, true",
        "403, RequestTimeTooSkewed, Retry, false",
        "404, NoSuchBucket, Retry, true",
        "301, PermanentRedirect, Retry, true",
        "400, AuthorizationHeaderMalformed, Retry, true",
        "400, InvalidArgument, Retry, true",
        "400, InvalidRequest, Retry, true",
        "501, NotImplemented, Retry, true",
        "400, KMS.NotFoundException, Retry, true",
        "403, KMS.DisabledException, Retry, true",
        "400, EntityTooLarge, Rejected, false",
        "400, KeyTooLongError, Rejected, false",
    })
    void serverResponsesAreRetriedUnlessS3WillNeverTakeTheObjectAndAWrongConfigurationIsNamed(
            int status, String code, String expected, boolean misconfigured) {
        WriteResult r = S3ErrorClassifier.classify(s3(status, code), "logs-bucket");
        assertThat(r.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(S3ErrorClassifier.misconfigured(r)).isEqualTo(misconfigured);
        if (misconfigured) {
            assertThat(((WriteResult.Retry) r).reason())
                    .startsWith("misconfigured: bucket logs-bucket")
                    .contains("S3 " + status + " " + code);
        }
    }

    @Test
    void aMissingBucketSaysWhatToDo() {
        assertThat(S3ErrorClassifier.classify(s3(404, "NoSuchBucket"), "logs-bucket"))
                .isEqualTo(
                        new WriteResult.Retry(
                                "misconfigured: bucket logs-bucket does not exist; create it or fix"
                                        + " bucket (S3 404 NoSuchBucket: NoSuchBucket)"));
    }

    @Test
    void anUnreachableEndpointIsRetried() {
        WriteResult r =
                S3ErrorClassifier.classify(
                        SdkClientException.create("Connection refused"), "logs-bucket");
        assertThat(r).isEqualTo(new WriteResult.Retry("S3 unreachable: Connection refused"));
    }
}
