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
        "500, InternalError, Retry",
        "503, SlowDown, Retry",
        "429, TooManyRequests, Retry",
        "403, AccessDenied, Retry",
        "403, SignatureDoesNotMatch, Retry",
        "404, NoSuchBucket, Retry",
        "400, EntityTooLarge, Rejected",
        "400, InvalidArgument, Rejected",
        "400, KeyTooLongError, Rejected",
    })
    void serverResponsesAreRetriedUnlessS3WillNeverTakeTheObject(
            int status, String code, String expected) {
        WriteResult r = S3ErrorClassifier.classify(s3(status, code));
        assertThat(r.getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void anUnreachableEndpointIsRetried() {
        assertThat(S3ErrorClassifier.classify(SdkClientException.create("Connection refused")))
                .isInstanceOf(WriteResult.Retry.class);
    }
}
