package dev.hakobu.outputs.s3;

import dev.hakobu.output.WriteResult;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Which S3 failures are worth retrying, and which of them mean the configuration is wrong. Everything is
 * retried (the data is fine, the destination is not: outages, throttling, and also permissions, a missing
 * bucket or an encryption the endpoint does not offer, which an operator can fix before the buffer's
 * maximum retry time sends the chunk to dead letters), except requests S3 will refuse whatever happens to
 * them: objects it considers too large or keys too long.
 *
 * <p>A retried failure that only an operator can end (see {@link #misconfiguration}) is marked so: its
 * reason starts with {@link #MISCONFIGURED} and names the bucket and what to check, for the output's
 * health and the aggregator's {@code /ready}.
 */
final class S3ErrorClassifier {
    static final String MISCONFIGURED = "misconfigured: ";

    /** Error codes of a request whose headers (encryption, storage class, region) S3 refuses. */
    private static final Set<String> BAD_SETTINGS =
            Set.of(
                    "InvalidArgument",
                    "InvalidRequest",
                    "InvalidStorageClass",
                    "InvalidEncryptionAlgorithmError",
                    "InvalidBucketName",
                    "AuthorizationHeaderMalformed",
                    "IllegalLocationConstraintException");

    private static final Set<String> DENIED =
            Set.of(
                    "AccessDenied",
                    "AllAccessDisabled",
                    "AccountProblem",
                    "InvalidAccessKeyId",
                    "SignatureDoesNotMatch",
                    "InvalidToken",
                    "ExpiredToken");

    private S3ErrorClassifier() {}

    static WriteResult classify(SdkException e, String bucket) {
        if (e instanceof S3Exception s3) {
            String code = code(s3);
            int status = s3.statusCode();
            if (status == 400
                    && ("EntityTooLarge".equals(code) || "KeyTooLongError".equals(code))) {
                return new WriteResult.Rejected(
                        "S3 refuses the object: " + status + " " + code + ": " + s3.getMessage());
            }
            String wrong = misconfiguration(s3, bucket);
            if (wrong != null) {
                return new WriteResult.Retry(MISCONFIGURED + wrong);
            }
            String kind = status == 429 || status == 503 ? "throttled" : "server error";
            return new WriteResult.Retry(
                    "S3 " + status + " " + code + " (" + kind + "): " + s3.getMessage());
        }
        if (e instanceof SdkClientException) {
            return new WriteResult.Retry("S3 unreachable: " + e.getMessage());
        }
        return new WriteResult.Retry("S3: " + e.getMessage());
    }

    /** Whether a retry reason from {@link #classify} means the configuration is wrong. */
    static boolean misconfigured(WriteResult result) {
        return result instanceof WriteResult.Retry r && r.reason().startsWith(MISCONFIGURED);
    }

    /**
     * What an operator must fix, naming the bucket, when the response says the configuration is wrong
     * (the bucket, the credentials, the region, encryption or KMS key); null for a failure that may pass.
     */
    static String misconfiguration(S3Exception s3, String bucket) {
        String code = code(s3);
        int status = s3.statusCode();
        String said = " (S3 " + status + " " + code + ": " + message(s3) + ")";
        if (code.startsWith("KMS")) {
            return "bucket " + bucket + ": the KMS key cannot be used; check kms_key_id" + said;
        }
        if ("NoSuchBucket".equals(code)) {
            return "bucket " + bucket + " does not exist; create it or fix bucket" + said;
        }
        if (status == 301 || "PermanentRedirect".equals(code)) {
            return "bucket " + bucket + " is in another region; fix region or endpoint" + said;
        }
        if (status == 501) {
            return "bucket "
                    + bucket
                    + ": the endpoint does not implement what this output asks for"
                    + " (server_side_encryption?)"
                    + said;
        }
        if (status == 403 && DENIED.contains(code)) {
            return "bucket "
                    + bucket
                    + ": access denied; check the credentials and their policy"
                    + said;
        }
        if (status == 400 && BAD_SETTINGS.contains(code)) {
            return "bucket "
                    + bucket
                    + ": S3 refuses this output's request settings (encryption, storage class,"
                    + " region)"
                    + said;
        }
        return null;
    }

    /** What S3 said, without the SDK's request id and attempt count, which differ on every retry. */
    private static String message(S3Exception s3) {
        String said = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
        return said == null ? s3.getMessage() : said;
    }

    private static String code(S3Exception s3) {
        String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
        return code == null ? "" : code;
    }
}
