package dev.hakobu.outputs.kinesis;

import dev.hakobu.output.OutputCounters.ErrorType;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * What to do with each PutRecords result entry and with a call that failed as a whole. Every record
 * error Kinesis reports is about the stream, not the record (throughput exceeded, internal failure, KMS
 * key state), so failed records are resent; records too large for Kinesis never get this far (they go
 * to dead letters before sending). Tested against the entries and errors the service documents.
 */
final class KinesisErrorClassifier {
    /** The fate of one record of a call. */
    enum Verdict {
        DELIVERED,
        RETRY
    }

    private KinesisErrorClassifier() {}

    static Verdict entry(String errorCode) {
        return errorCode == null || errorCode.isEmpty() ? Verdict.DELIVERED : Verdict.RETRY;
    }

    /** For counters: why a record or a call failed. */
    static ErrorType entryError(String errorCode) {
        return "ProvisionedThroughputExceededException".equals(errorCode)
                        || errorCode.startsWith("KMSThrottling")
                ? ErrorType.THROTTLED
                : ErrorType.SERVER;
    }

    static ErrorType callError(SdkException e) {
        if (e instanceof KinesisException k) {
            int status = k.statusCode();
            String code = k.awsErrorDetails() == null ? "" : k.awsErrorDetails().errorCode();
            if (status == 429
                    || code.contains("Throughput")
                    || code.contains("LimitExceeded")
                    || code.contains("Throttl")) {
                return ErrorType.THROTTLED;
            }
            return status >= 500 ? ErrorType.SERVER : ErrorType.REFUSED;
        }
        return e instanceof SdkClientException ? ErrorType.UNREACHABLE : ErrorType.SERVER;
    }

    /** A reason for the log and the Retry result: what the operator should look at. */
    static String describe(SdkException e) {
        if (e instanceof KinesisException k && k.awsErrorDetails() != null) {
            String code = k.awsErrorDetails().errorCode();
            String hint =
                    "ResourceNotFoundException".equals(code)
                            ? " (create the stream or fix its name and region)"
                            : k.statusCode() == 400 && code.contains("Access")
                                    ? " (check the credentials' permissions)"
                                    : "";
            return "Kinesis "
                    + k.statusCode()
                    + " "
                    + code
                    + hint
                    + ": "
                    + k.awsErrorDetails().errorMessage();
        }
        return "Kinesis unreachable: " + e.getMessage();
    }
}
