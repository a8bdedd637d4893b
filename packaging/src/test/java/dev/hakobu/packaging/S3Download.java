package dev.hakobu.packaging;

import dev.hakobu.outputs.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a bucket the way a user does, through the S3 API (not S3Proxy's files): lists the keys under a
 * prefix and downloads them under a local folder at the same relative paths, so DuckDB can read them with
 * {@code hive_partitioning}.
 */
final class S3Download {
    private S3Download() {}

    /** Every key under {@code prefix}, in S3's (lexicographic) order. */
    static List<String> keys(S3ProxyServer s3, String bucket, String prefix) {
        try (S3Client client = s3.client()) {
            return client
                    .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    /**
     * Downloads every object under {@code prefix} to {@code into/<key>}, replacing what an earlier call
     * downloaded; returns the keys.
     */
    static List<String> download(S3ProxyServer s3, String bucket, String prefix, Path into)
            throws IOException {
        List<String> keys = new ArrayList<>();
        try (S3Client client = s3.client()) {
            for (S3Object object :
                    client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                            .contents()) {
                byte[] bytes;
                try {
                    bytes =
                            client.getObjectAsBytes(b -> b.bucket(bucket).key(object.key()))
                                    .asByteArray();
                } catch (NoSuchKeyException e) {
                    System.out.println("listed, then gone: " + object.key());
                    continue;
                }
                Path target = into.resolve(object.key());
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
                keys.add(object.key());
            }
        }
        return keys;
    }

    /** The keys of multipart uploads begun and neither completed nor aborted. */
    static List<String> incompleteUploads(S3ProxyServer s3, String bucket) {
        try (S3Client client = s3.client()) {
            return client.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
                    .map(MultipartUpload::key)
                    .toList();
        }
    }
}
