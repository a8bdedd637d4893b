package dev.hakobu.outputs.format;

import dev.hakobu.encoding.ColumnarOptions;
import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.RecordEncoding;
import dev.hakobu.encoding.RecordEncodings;
import dev.hakobu.encoding.RecordWriter;
import dev.hakobu.encoding.TagField;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * What one stored object or file is: records in an encoding, compressed by the output unless the encoding
 * compresses itself (then the compression setting goes to the encoding's own codec and adds no extension).
 * Immutable; shared by the worker threads of an output.
 *
 * @param level     compression level; 0 picks the codec's fast default
 * @param eventTime the event time written into each map record, or empty
 * @param tagKey    the field the chunk's tag is written under in each map record ({@code tag_key:}), or empty
 * @param columnar  what a columnar encoding is asked for (the output's {@code parquet:} section)
 */
public record ObjectFormat(
        RecordEncoding encoding,
        Compression compression,
        int level,
        Optional<EventTimeField> eventTime,
        Optional<String> tagKey,
        ColumnarOptions columnar) {

    /** Columnar defaults. */
    public ObjectFormat(
            RecordEncoding encoding,
            Compression compression,
            int level,
            Optional<EventTimeField> eventTime,
            Optional<String> tagKey) {
        this(encoding, compression, level, eventTime, tagKey, ColumnarOptions.defaults());
    }

    /** Records without their tag. */
    public ObjectFormat(
            RecordEncoding encoding,
            Compression compression,
            int level,
            Optional<EventTimeField> eventTime) {
        this(encoding, compression, level, eventTime, Optional.empty());
    }

    /** The same format with the chunk's tag written under {@code tagKey} (when present). */
    public ObjectFormat withTagKey(Optional<String> tagKey) {
        return new ObjectFormat(encoding, compression, level, eventTime, tagKey, columnar);
    }

    /** The same format with these columnar options. */
    public ObjectFormat withColumnar(ColumnarOptions columnar) {
        return new ObjectFormat(encoding, compression, level, eventTime, tagKey, columnar);
    }

    /**
     * The format an output's {@code format:}, {@code compression:} and {@code compression_level:} select.
     *
     * @throws IllegalArgumentException {@code "format: ..."} naming the known encodings when {@code format}
     *                                  names none, for the config loader to point at the YAML line
     */
    public static ObjectFormat of(
            String format, Compression compression, int level, Optional<EventTimeField> eventTime) {
        return new ObjectFormat(encoding(format), compression, level, eventTime);
    }

    /**
     * The encoding of {@code format}, checked against the output's compression.
     *
     * @throws IllegalArgumentException {@code "format: ..."} when no encoding has this name, {@code
     *                                  "compression: ..."} when the encoding does not compress itself and the
     *                                  compression is snappy (no whole-file snappy that readers agree on)
     */
    public static RecordEncoding encoding(String format, Compression compression) {
        RecordEncoding encoding = encoding(format);
        if (compression == Compression.SNAPPY && !encoding.compressesItself()) {
            throw new IllegalArgumentException(
                    "compression: snappy is only for format: parquet (format is "
                            + format
                            + "); use gzip or zstd");
        }
        return encoding;
    }

    /** @throws IllegalArgumentException {@code "format: ..."} when no encoding has this name */
    public static RecordEncoding encoding(String format) {
        try {
            return RecordEncodings.find(format);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format: " + e.getMessage());
        }
    }

    /** The encoding's extension, then the compression's unless the encoding compresses itself: {@code .json.gz}. */
    public String extension() {
        return encoding.compressesItself()
                ? encoding.extension()
                : encoding.extension() + compression.extension();
    }

    /** The Content-Type of the object: the encoding's (a .json.gz is stored without Content-Encoding). */
    public String contentType() {
        return encoding.contentType();
    }

    /** Starts one object over {@code destination}; closing the writer finishes it and closes {@code destination}. */
    public RecordWriter open(OutputStream destination) throws IOException {
        return open(destination, null);
    }

    /**
     * Like {@link #open(OutputStream)}, for the records of one chunk.
     *
     * @param tag the chunk's tag, written into the records when this format has a {@link #tagKey()}
     */
    public RecordWriter open(OutputStream destination, String tag) throws IOException {
        Optional<TagField> tagField =
                tag == null ? Optional.empty() : tagKey.map(k -> new TagField(k, tag));
        EncodingContext context =
                new EncodingContext(
                        eventTime,
                        compression.name().toLowerCase(Locale.ROOT),
                        level,
                        tagField,
                        columnar);
        return encoding.open(
                encoding.compressesItself() ? destination : compression.wrap(destination, level),
                context);
    }
}
