package dev.hakobu.outputs.file;

import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.RecordEncoding;
import dev.hakobu.encoding.RecordWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * The worked example of adding an encoding: this class plus one line in
 * {@code META-INF/services/dev.hakobu.encoding.RecordEncoding}, and {@code format: tsv} works in the file
 * and S3 outputs, their compression and extension included ({@code .tsv.gz}).
 *
 * <p>A line per record: the event time (ISO-8601 in the output's zone) when the output writes it, then the
 * record's values in their order, without keys; strings as they are, other values as JSON; tab, newline,
 * carriage return and backslash escaped as {@code \t \n \r \\}. Written for clarity, not speed: it
 * allocates per record, which a production encoding on the aggregator's path must not.
 */
public final class TsvEncoding implements RecordEncoding {
    @Override
    public String name() {
        return "tsv";
    }

    @Override
    public String extension() {
        return ".tsv";
    }

    @Override
    public String contentType() {
        return "text/tab-separated-values";
    }

    @Override
    public RecordWriter open(OutputStream out, EncodingContext context) {
        return new TsvWriter(
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024),
                context.eventTime());
    }

    private static final class TsvWriter implements RecordWriter {
        private final Writer out;
        private final Optional<EventTimeField> eventTime;

        TsvWriter(Writer out, Optional<EventTimeField> eventTime) {
            this.out = out;
            this.eventTime = eventTime;
        }

        @Override
        public int write(long epochNanos, byte[] buf, int off, int len) throws IOException {
            try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(buf, off, len)) {
                Value record = unpacker.unpackValue();
                List<String> columns = new ArrayList<>();
                eventTime.ifPresent(
                        field ->
                                columns.add(
                                        Instant.ofEpochSecond(0, epochNanos)
                                                .atZone(field.zone())
                                                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
                if (record.isMapValue()) {
                    for (Value v : record.asMapValue().map().values()) {
                        columns.add(
                                escape(
                                        v.isStringValue()
                                                ? v.asStringValue().asString()
                                                : v.toJson()));
                    }
                } else {
                    columns.add(escape(record.toJson()));
                }
                out.write(String.join("\t", columns));
                out.write('\n');
                return off + (int) unpacker.getTotalReadBytes();
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        private static String escape(String s) {
            return s.replace("\\", "\\\\")
                    .replace("\t", "\\t")
                    .replace("\n", "\\n")
                    .replace("\r", "\\r");
        }
    }
}
