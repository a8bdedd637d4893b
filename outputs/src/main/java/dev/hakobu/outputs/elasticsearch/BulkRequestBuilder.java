package dev.hakobu.outputs.elasticsearch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hakobu.core.format.JsonLinesEncoder;
import dev.hakobu.core.forward.EntryReader;
import dev.hakobu.core.key.KeyTemplate;
import dev.hakobu.core.output.Chunk;
import dev.hakobu.core.output.ChunkIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * From a chunk to bulk request bodies: one {@code create} action per record with a deterministic
 * {@code _id}, the index rendered from the event time, split so no body exceeds the size limit.
 * Pure functions of the chunk; thread-safe.
 */
final class BulkRequestBuilder {
    private static final JsonFactory JSON = new JsonFactory();
    private final KeyTemplate index;
    private final Optional<String> timestampField;
    private final String node;

    BulkRequestBuilder(KeyTemplate index, Optional<String> timestampField, String node) {
        this.index = index;
        this.timestampField = timestampField;
        this.node = node;
    }

    List<BulkItem> items(Chunk chunk) {
        String idPrefix = ChunkIds.fileSafe(chunk.id()) + "-";
        List<BulkItem> items = new ArrayList<>(chunk.count());
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(json)) {
            EntryReader.read(chunk.entries(), chunk.offset(), chunk.length(), (nanos, buf, off, len) -> {
                json.reset();
                try {
                    encoder.write(buf, off, len);
                    encoder.flush();
                    byte[] source = withTimestamp(json.toByteArray(), nanos, buf, off, len);
                    String target = index.render(chunk.tag(), node, chunk.id(), Math.floorDiv(nanos, 1_000_000_000L)).toLowerCase(Locale.ROOT);
                    items.add(new BulkItem(items.size(), nanos, off, len, target, idPrefix + items.size(), source));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return items;
    }

    /** Consecutive batches of {@code items}, each at most {@code maxBytes} of NDJSON (a larger single item goes alone). */
    static List<List<BulkItem>> split(List<BulkItem> items, long maxBytes) {
        List<List<BulkItem>> batches = new ArrayList<>();
        List<BulkItem> batch = new ArrayList<>();
        long bytes = 0;
        for (BulkItem item : items) {
            long size = item.source().length + item.target().length() + item.id().length() + 40L;
            if (!batch.isEmpty() && bytes + size > maxBytes) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(item);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    static byte[] body(List<BulkItem> batch, boolean gzip) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(batch.size() * 256);
        for (BulkItem item : batch) {
            try (JsonGenerator g = JSON.createGenerator(raw, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeObjectFieldStart("create");
                g.writeStringField("_index", item.target());
                g.writeStringField("_id", item.id());
                g.writeEndObject();
                g.writeEndObject();
            }
            raw.write('\n');
            raw.write(item.source());
        }
        if (!gzip) {
            return raw.toByteArray();
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream(raw.size() / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(zipped, 64 * 1024)) {
            raw.writeTo(z);
        }
        return zipped.toByteArray();
    }

    /** The JSON line, with the event time spliced in first when a timestamp field is configured and absent. */
    private byte[] withTimestamp(byte[] line, long nanos, byte[] buf, int off, int len) throws IOException {
        if (timestampField.isEmpty() || hasKey(buf, off, len, timestampField.get())) {
            return line;
        }
        String field = "\"" + timestampField.get().replace("\\", "\\\\").replace("\"", "\\\"") + "\":\""
                + Instant.ofEpochSecond(0, nanos) + "\"" + (line.length > 3 ? "," : "");
        byte[] insert = field.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[line.length + insert.length];
        out[0] = line[0];
        System.arraycopy(insert, 0, out, 1, insert.length);
        System.arraycopy(line, 1, out, 1 + insert.length, line.length - 1);
        return out;
    }

    private static boolean hasKey(byte[] buf, int off, int len, String key) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, len)) {
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                if (u.getNextFormat().getValueType() != ValueType.STRING) {
                    u.skipValue();
                } else if (u.unpackString().equals(key)) {
                    return true;
                }
                u.skipValue();
            }
        }
        return false;
    }
}
