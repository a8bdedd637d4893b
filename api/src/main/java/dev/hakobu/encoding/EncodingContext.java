package dev.hakobu.encoding;

import java.util.Optional;

/**
 * What an output asks of the records it hands a {@link RecordWriter}.
 *
 * @param eventTime        the event time to add to each map record, or empty to store records as they came
 * @param compression      the output's {@code compression:} setting in lower case ({@code none}, {@code gzip},
 *                         {@code zstd}); only an encoding that {@link RecordEncoding#compressesItself()
 *                         compresses itself} reads it, the others are already wrapped in it
 * @param compressionLevel the output's {@code compression_level:}; 0 means the codec's fast default
 * @param tag              the chunk's tag to add to each map record (the output's {@code tag_key:}), or empty;
 *                         an encoding that has no place for it may ignore it
 * @param columnar         what a columnar encoding is asked for (the output's {@code parquet:} section);
 *                         the others ignore it
 */
public record EncodingContext(
        Optional<EventTimeField> eventTime,
        String compression,
        int compressionLevel,
        Optional<TagField> tag,
        ColumnarOptions columnar) {

    /** Columnar defaults. */
    public EncodingContext(
            Optional<EventTimeField> eventTime,
            String compression,
            int compressionLevel,
            Optional<TagField> tag) {
        this(eventTime, compression, compressionLevel, tag, ColumnarOptions.defaults());
    }

    /** No tag in the records. */
    public EncodingContext(
            Optional<EventTimeField> eventTime, String compression, int compressionLevel) {
        this(eventTime, compression, compressionLevel, Optional.empty());
    }

    /** Records as they came, no compression: for tests and tools. */
    public static EncodingContext plain() {
        return new EncodingContext(Optional.empty(), "none", 0);
    }
}
