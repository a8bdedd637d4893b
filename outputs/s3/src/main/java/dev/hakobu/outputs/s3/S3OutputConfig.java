package dev.hakobu.outputs.s3;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.Partitioner;
import dev.hakobu.outputs.aws.AwsCredentialsConfig;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.format.ObjectFormat;
import dev.hakobu.outputs.format.ParquetConfig;
import dev.hakobu.outputs.key.KeyTemplate;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

@Doc(
        "Objects in S3 (or an S3-compatible store), laid out for Athena: one object per partition of a buffer chunk.")
public record S3OutputConfig(
        @Doc("Bucket name.") String bucket,
        @Doc(
                        "Object key without extension; ${tag}, ${tag[N]}, ${node}, ${chunk_id}, %Y %m %d %H of the event time.")
                @Default("logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}")
                String key,
        @Doc("AWS region.") @Default("us-east-1") String region,
        @Doc("Endpoint override for S3-compatible stores, e.g. http://127.0.0.1:9000.")
                Optional<String> endpoint,
        @Doc("Path-style addressing (bucket in the path), needed by most S3-compatible stores.")
                @Default("false")
                boolean pathStyle,
        @Doc(
                        "Credentials; the default AWS chain (environment, profile, instance role, web identity) when absent.")
                Optional<AwsCredentialsConfig> credentials,
        @Doc(
                        "Record encoding: json (JSON lines) or parquet (columns, see parquet) or another registered one; the extension follows (.json, .parquet).")
                @Default("json")
                String format,
        @Doc(
                        "gzip or zstd (Athena reads both); the extension follows (.json.gz, .json.zst). A format that compresses itself uses it inside and adds no extension; snappy only there (parquet). auto: gzip for json, zstd for parquet.")
                @Default("auto")
                Compression compression,
        @Doc("Compression level; 0 picks the fast default.") @Default("0") int compressionLevel,
        @Doc("Zone of the dt= partition dates and of the event time's offset.") @Default("UTC")
                ZoneId timeZone,
        @Doc(
                        "The event time written into each record: on by default, under time; athena-ddl adds its column.")
                EventTimeConfig eventTime,
        @Doc("none, aes256 (SSE-S3) or aws_kms (SSE-KMS).") @Default("none")
                ServerSideEncryption serverSideEncryption,
        @Doc("KMS key for aws_kms; the bucket's default key when absent.")
                Optional<String> kmsKeyId,
        @Doc("Storage class, e.g. STANDARD_IA; the bucket's default when absent.")
                Optional<String> storageClass,
        @Doc("User metadata set on every object.") Map<String, String> metadata,
        @Doc("Objects larger than this are sent as multipart uploads.") @Default("16MiB")
                DataSize multipartThreshold,
        @Doc("Part size of multipart uploads (S3's minimum is 5MiB).") @Default("8MiB")
                DataSize partSize,
        @Doc("Redshift COPY manifests of the objects written, per tag and window (story S5).")
                Optional<ManifestConfig> manifest,
        @Doc(
                        "Field that carries the record's tag in every record (it replaces a field of that name); absent: none, records as they came.")
                Optional<String> tagKey,
        @Doc("Columns, row order and sizes when format is parquet; its defaults when absent.")
                Optional<ParquetConfig> parquet)
        implements OutputConfig {

    /** The field written when event_time names none. */
    public static final String DEFAULT_TIME_KEY = "time";

    /** SSE choices. */
    public enum ServerSideEncryption {
        NONE,
        AES256,
        AWS_KMS
    }

    public S3OutputConfig {
        compression = compression.orDefaultFor(ObjectFormat.encoding(format, compression));
        ParquetConfig.check(parquet, format);
        if (tagKey.isPresent() && tagKey.get().isEmpty()) {
            throw new IllegalArgumentException("tag_key: empty; leave it out for no tag");
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException(
                    "bucket: not a valid bucket name (3-63 lower-case letters, digits, '.', '-')");
        }
        try {
            KeyTemplate.parse(key, timeZone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key: " + e.getMessage());
        }
        if (partSize.bytes() < 5L * 1024 * 1024) {
            throw new IllegalArgumentException("part_size: S3 needs parts of at least 5MiB");
        }
        if (multipartThreshold.bytes() < partSize.bytes()) {
            throw new IllegalArgumentException("multipart_threshold: must be at least part_size");
        }
        if (kmsKeyId.isPresent() && serverSideEncryption != ServerSideEncryption.AWS_KMS) {
            throw new IllegalArgumentException(
                    "kms_key_id: only used with server_side_encryption: aws_kms");
        }
    }

    /** Without a parquet section (the arity before parquet). */
    public S3OutputConfig(
            String bucket,
            String key,
            String region,
            Optional<String> endpoint,
            boolean pathStyle,
            Optional<AwsCredentialsConfig> credentials,
            String format,
            Compression compression,
            int compressionLevel,
            ZoneId timeZone,
            EventTimeConfig eventTime,
            ServerSideEncryption serverSideEncryption,
            Optional<String> kmsKeyId,
            Optional<String> storageClass,
            Map<String, String> metadata,
            DataSize multipartThreshold,
            DataSize partSize,
            Optional<ManifestConfig> manifest,
            Optional<String> tagKey) {
        this(
                bucket,
                key,
                region,
                endpoint,
                pathStyle,
                credentials,
                format,
                compression,
                compressionLevel,
                timeZone,
                eventTime,
                serverSideEncryption,
                kmsKeyId,
                storageClass,
                metadata,
                multipartThreshold,
                partSize,
                manifest,
                tagKey,
                Optional.empty());
    }

    /** Without the tag in the records (the arity before tag_key). */
    public S3OutputConfig(
            String bucket,
            String key,
            String region,
            Optional<String> endpoint,
            boolean pathStyle,
            Optional<AwsCredentialsConfig> credentials,
            String format,
            Compression compression,
            int compressionLevel,
            ZoneId timeZone,
            EventTimeConfig eventTime,
            ServerSideEncryption serverSideEncryption,
            Optional<String> kmsKeyId,
            Optional<String> storageClass,
            Map<String, String> metadata,
            DataSize multipartThreshold,
            DataSize partSize,
            Optional<ManifestConfig> manifest) {
        this(
                bucket,
                key,
                region,
                endpoint,
                pathStyle,
                credentials,
                format,
                compression,
                compressionLevel,
                timeZone,
                eventTime,
                serverSideEncryption,
                kmsKeyId,
                storageClass,
                metadata,
                multipartThreshold,
                partSize,
                manifest,
                Optional.empty());
    }

    /**
     * The encoding, compression, event time and tag of every object, and its columns when Parquet.
     *
     * @param stateDir the output's state directory, where the Parquet schema registry is kept
     */
    ObjectFormat objectFormat(Path stateDir) {
        return ObjectFormat.of(
                        format,
                        compression,
                        compressionLevel,
                        eventTime.field(DEFAULT_TIME_KEY, timeZone))
                .withTagKey(tagKey)
                .withColumnar(
                        parquet.orElseGet(ParquetConfig::defaults)
                                .options(stateDir.resolve(ParquetConfig.SCHEMA_FILE)));
    }

    /** One buffer chunk per partition of the key template, so one chunk becomes one object. */
    @Override
    public Partitioner partitioner() {
        return KeyTemplate.parse(key, timeZone).partitioner();
    }

    @Override
    public Output build(OutputContext context) {
        S3Client s3 = S3Clients.build(this);
        try {
            return new S3Output(this, context, s3);
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }
}
