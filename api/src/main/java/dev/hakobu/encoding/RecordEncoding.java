package dev.hakobu.encoding;

import java.io.IOException;
import java.io.OutputStream;

/**
 * How records are laid out in one stored object or file: JSON lines ({@link JsonLinesEncoding}), and any
 * other format that registers itself. An encoding is a stateless factory shared by every worker thread;
 * each object gets its own {@link RecordWriter}.
 *
 * <p>Adding one is one class plus its registration: implement this interface with a public no-argument
 * constructor and list the class in {@code META-INF/services/dev.hakobu.encoding.RecordEncoding}. Outputs
 * find it by {@link #name()} through {@link RecordEncodings} (their {@code format:} option).
 */
public interface RecordEncoding {

    /** What {@code format:} says to select this encoding: lower case, e.g. {@code json}. */
    String name();

    /** The file-name extension with its dot, before any compression's: {@code .json}. */
    String extension();

    /** The media type of the object (S3's Content-Type), e.g. {@code application/x-ndjson}. */
    String contentType();

    /**
     * True when the format compresses inside itself (Parquet's column chunks): the output then hands
     * {@link #open} its destination as it is, without gzip or zstd around it and without their extension,
     * and passes its compression setting in the {@link EncodingContext} for the format's own codec.
     */
    default boolean compressesItself() {
        return false;
    }

    /**
     * Starts one object. From here the writer owns {@code out}: closing the writer closes it.
     *
     * @param out     the destination, already wrapped in the output's compression unless
     *                {@link #compressesItself()}
     * @param context what the output asks of every record (the event time) and its compression setting
     */
    RecordWriter open(OutputStream out, EncodingContext context) throws IOException;
}
