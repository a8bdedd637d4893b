package dev.hakobu.outputs.file;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.WritableDirectory;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.Partitioner;
import dev.hakobu.outputs.format.Compression;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.format.ObjectFormat;
import dev.hakobu.outputs.format.ParquetConfig;
import dev.hakobu.outputs.key.KeyTemplate;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

@Doc("Date-partitioned files (JSON lines by default) on a local disk, laid out like the S3 output.")
public record FileOutputConfig(
        @Doc("Directory the files go under.") @WritableDirectory Path root,
        @Doc(
                        "Path under root, without extension; ${tag}, ${tag[N]}, ${node}, ${chunk_id}, %Y %m %d %H of the event time.")
                @Default("${tag}/dt=%Y-%m-%d/${node}-${chunk_id}")
                String path,
        @Doc(
                        "Record encoding: json (JSON lines) or parquet (columns, see parquet) or another registered one; the extension follows (.json, .parquet).")
                @Default("json")
                String format,
        @Doc(
                        "none, gzip or zstd; the extension follows (.json.gz, .json.zst). A format that compresses itself uses it inside and adds no extension; snappy only there (parquet). auto: gzip for json, zstd for parquet.")
                @Default("auto")
                Compression compression,
        @Doc("Compression level; 0 picks the fast default.") @Default("0") int compressionLevel,
        @Doc("Zone of the dt= partition dates and of the event time's offset.") @Default("UTC")
                ZoneId timeZone,
        @Doc("The event time written into each record: on by default, under time.")
                EventTimeConfig eventTime,
        @Doc(
                        "Field that carries the record's tag in every record (it replaces a field of that name); absent: none, records as they came.")
                Optional<String> tagKey,
        @Doc("Columns, row order and sizes when format is parquet; its defaults when absent.")
                Optional<ParquetConfig> parquet)
        implements OutputConfig {

    /** The field written when event_time names none. */
    static final String DEFAULT_TIME_KEY = "time";

    public FileOutputConfig {
        compression = compression.orDefaultFor(ObjectFormat.encoding(format, compression));
        ParquetConfig.check(parquet, format);
        if (tagKey.isPresent() && tagKey.get().isEmpty()) {
            throw new IllegalArgumentException("tag_key: empty; leave it out for no tag");
        }
        try {
            KeyTemplate.parse(path, timeZone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("path: " + e.getMessage());
        }
    }

    /** Without a parquet section (the arity before parquet). */
    public FileOutputConfig(
            Path root,
            String path,
            String format,
            Compression compression,
            int compressionLevel,
            ZoneId timeZone,
            EventTimeConfig eventTime,
            Optional<String> tagKey) {
        this(
                root,
                path,
                format,
                compression,
                compressionLevel,
                timeZone,
                eventTime,
                tagKey,
                Optional.empty());
    }

    /** Without the tag in the records (the arity before tag_key). */
    public FileOutputConfig(
            Path root,
            String path,
            String format,
            Compression compression,
            int compressionLevel,
            ZoneId timeZone,
            EventTimeConfig eventTime) {
        this(
                root,
                path,
                format,
                compression,
                compressionLevel,
                timeZone,
                eventTime,
                Optional.empty());
    }

    /**
     * The encoding, compression, event time and tag of every file, and its columns when Parquet.
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

    @Override
    public Output build(OutputContext context) {
        return new FileOutput(this, context);
    }

    /** The file's path without node and chunk id: one buffer chunk becomes exactly one file. */
    @Override
    public Partitioner partitioner() {
        return KeyTemplate.parse(path, timeZone).partitioner();
    }
}
