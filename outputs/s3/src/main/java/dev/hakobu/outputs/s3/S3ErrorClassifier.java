package dev.hakobu.outputs.s3;

import dev.hakobu.output.WriteResult;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Which S3 failures are worth retrying. Everything is retried (the data is fine, the destination is
 * not: outages, throttling, and also permissions or a missing bucket, which an operator can fix before
 * the buffer's maximum retry time sends the chunk to dead letters), except requests S3 will refuse
 * whatever happens to it: objects it considers too large or malformed.
 */
final class S3ErrorClassifier {
    private S3ErrorClassifier() {}

    static WriteResult classify(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if (status == 400
                    && ("EntityTooLarge".equals(code)
                            || "InvalidArgument".equals(code)
                            || "KeyTooLongError".equals(code))) {
                return new WriteResult.Rejected(
                        "S3 refuses the object: " + status + " " + code + ": " + s3.getMessage());
            }
            String kind =
                    status == 403 || status == 404
                            ? "check the bucket and the credentials' permissions"
                            : status == 429 || status == 503 ? "throttled" : "server error";
            return new WriteResult.Retry(
                    "S3 " + status + " " + code + " (" + kind + "): " + s3.getMessage());
        }
        if (e instanceof SdkClientException) {
            return new WriteResult.Retry("S3 unreachable: " + e.getMessage());
        }
        return new WriteResult.Retry("S3: " + e.getMessage());
    }
}
