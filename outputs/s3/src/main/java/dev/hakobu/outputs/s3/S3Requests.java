package dev.hakobu.outputs.s3;

import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The requests for one bucket, carrying the object settings (content type, SSE, storage class, metadata). */
final class S3Requests {
    private final S3OutputConfig c;

    /** The encoding's, with no Content-Encoding for .json.gz/.json.zst: Athena picks the codec from the extension. */
    private final String contentType;

    S3Requests(S3OutputConfig c, String contentType) {
        this.c = c;
        this.contentType = contentType;
    }

    PutObjectRequest put(String key) {
        PutObjectRequest.Builder b =
                PutObjectRequest.builder()
                        .bucket(c.bucket())
                        .key(key)
                        .contentType(contentType)
                        .metadata(c.metadata());
        objectSettings(b::serverSideEncryption, b::ssekmsKeyId, b::storageClass);
        return b.build();
    }

    CreateMultipartUploadRequest createMultipart(String key) {
        CreateMultipartUploadRequest.Builder b =
                CreateMultipartUploadRequest.builder()
                        .bucket(c.bucket())
                        .key(key)
                        .contentType(contentType)
                        .metadata(c.metadata());
        objectSettings(b::serverSideEncryption, b::ssekmsKeyId, b::storageClass);
        return b.build();
    }

    /** SSE and storage class, set the same way on a PutObject and on a multipart upload. */
    private void objectSettings(
            Consumer<ServerSideEncryption> sse,
            Consumer<String> kmsKey,
            Consumer<StorageClass> storage) {
        switch (c.serverSideEncryption()) {
            case AES256 -> sse.accept(ServerSideEncryption.AES256);
            case AWS_KMS -> {
                sse.accept(ServerSideEncryption.AWS_KMS);
                c.kmsKeyId().ifPresent(kmsKey);
            }
            case NONE -> {}
        }
        c.storageClass().ifPresent(s -> storage.accept(StorageClass.fromValue(s)));
    }

    UploadPartRequest uploadPart(String key, String uploadId, int number) {
        return UploadPartRequest.builder()
                .bucket(c.bucket())
                .key(key)
                .uploadId(uploadId)
                .partNumber(number)
                .build();
    }

    CompleteMultipartUploadRequest complete(
            String key, String uploadId, List<CompletedPart> parts) {
        return CompleteMultipartUploadRequest.builder()
                .bucket(c.bucket())
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                .build();
    }

    AbortMultipartUploadRequest abort(String key, String uploadId) {
        return AbortMultipartUploadRequest.builder()
                .bucket(c.bucket())
                .key(key)
                .uploadId(uploadId)
                .build();
    }
}
