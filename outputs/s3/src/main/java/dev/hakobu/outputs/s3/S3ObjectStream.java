package dev.hakobu.outputs.s3;

import dev.hakobu.outputs.format.PartitionedEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One object being written: buffered in memory and stored with one PutObject on close, unless it grows
 * past the multipart threshold; then it becomes a multipart upload sending a part every {@code partSize}
 * bytes (memory stays bounded) and completing on close. {@link #abort()} (or a failure) aborts the
 * upload, so a half-written chunk never becomes an object. The upload is recorded in {@link OpenUploads}
 * before its first part, so one that a crash cuts off is aborted by the next run. Used by one worker
 * thread.
 */
final class S3ObjectStream extends OutputStream implements PartitionedEncoder.Abortable {
    private final S3Client s3;
    private final S3Requests requests;
    private final OpenUploads uploads;
    private final String key;
    private final long threshold;
    private final int partSize;
    private byte[] buf = new byte[64 * 1024];
    private int size;
    private String uploadId;
    private Path record;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean done;

    S3ObjectStream(
            S3Client s3,
            S3Requests requests,
            OpenUploads uploads,
            String key,
            long threshold,
            int partSize) {
        this.s3 = s3;
        this.requests = requests;
        this.uploads = uploads;
        this.key = key;
        this.threshold = threshold;
        this.partSize = partSize;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (size + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + len, buf.length * 2));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
        if (uploadId == null && size > threshold) {
            call(
                    () ->
                            uploadId =
                                    s3.createMultipartUpload(requests.createMultipart(key))
                                            .uploadId());
            try {
                record = uploads.opened(key, uploadId);
            } catch (IOException e) {
                abort(); // unrecorded, it must not outlive this write
                throw e;
            }
        }
        while (uploadId != null && size >= partSize) {
            uploadPart(partSize);
        }
    }

    private void uploadPart(int length) throws IOException {
        int number = parts.size() + 1;
        byte[] part = Arrays.copyOf(buf, length);
        call(
                () -> {
                    String etag =
                            s3.uploadPart(
                                            requests.uploadPart(key, uploadId, number),
                                            RequestBody.fromBytes(part))
                                    .eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                });
        System.arraycopy(buf, length, buf, 0, size - length);
        size -= length;
    }

    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        if (uploadId == null) {
            byte[] body = Arrays.copyOf(buf, size);
            call(() -> s3.putObject(requests.put(key), RequestBody.fromBytes(body)));
            return;
        }
        if (size > 0 || parts.isEmpty()) {
            uploadPart(size);
        }
        call(() -> s3.completeMultipartUpload(requests.complete(key, uploadId, parts)));
        forgetUpload();
    }

    @Override
    public void abort() {
        done = true;
        if (uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(requests.abort(key, uploadId));
            uploadId = null;
            forgetUpload();
        } catch (SdkException e) {
            if (record != null) {
                uploads.abandoned(record); // a later write aborts it
                record = null;
            }
        }
    }

    private void forgetUpload() {
        if (record != null) {
            uploads.closed(record);
            record = null;
        }
    }

    private interface S3Call {
        void run();
    }

    private void call(S3Call call) throws IOException {
        try {
            call.run();
        } catch (SdkException e) {
            abort();
            throw new S3WriteException(key, e);
        }
    }

    /** An S3 call failed; carries the SDK's exception for {@link S3ErrorClassifier}. */
    static final class S3WriteException extends IOException {
        final SdkException sdk;

        S3WriteException(String key, SdkException sdk) {
            super(key + ": " + sdk.getMessage(), sdk);
            this.sdk = sdk;
        }
    }
}
