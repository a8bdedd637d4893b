package dev.hakobu.encoding;

import java.io.OutputStream;

/**
 * {@code format: json}: one JSON object per line ({@link JsonLinesEncoder}), what Athena's JSON SerDe,
 * Redshift COPY and {@code jq} read. The default of every output that stores files.
 */
public final class JsonLinesEncoding implements RecordEncoding {
    public static final String NAME = "json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return ".json";
    }

    /** No Content-Encoding goes with it: a compressed object is a .json.gz file, Athena picks the codec from the extension. */
    @Override
    public String contentType() {
        return "application/x-ndjson";
    }

    @Override
    public RecordWriter open(OutputStream out, EncodingContext context) {
        return new JsonLinesEncoder(out, context.eventTime(), context.tag());
    }
}
