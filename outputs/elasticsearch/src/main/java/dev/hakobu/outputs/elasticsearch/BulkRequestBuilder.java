package dev.hakobu.outputs.elasticsearch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.JsonLinesEncoder;
import dev.hakobu.encoding.TagField;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.EntryReader;
import dev.hakobu.output.Chunk;
import dev.hakobu.outputs.key.KeyTemplate;
import dev.hakobu.outputs.key.SafeNames;
import dev.hakobu.outputs.key.UnsafeNameException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * From a chunk to bulk request bodies: one {@code create} action per record with a deterministic
 * {@code _id}, the index rendered from the event time, the event time in the document (see
 * {@link EventTimeField}) and made to fit the declared fields ({@link DeclaredFields}), split so no body exceeds the size limit. Pure functions of the chunk; thread-safe.
 */
final class BulkRequestBuilder {
    private static final JsonFactory JSON = new JsonFactory();
    private final KeyTemplate index;
    private final Optional<EventTimeField> eventTime;
    private final String node;
    private final DeclaredFields declared;

    private final Optional<String> tagKey;

    BulkRequestBuilder(KeyTemplate index, Optional<EventTimeField> eventTime, String node) {
        this(index, eventTime, Optional.empty(), node, new DeclaredFields(Map.of()));
    }

    /**
     * @param tagKey the field that gets the chunk's tag in every document, or empty
     * @param declared makes each document fit the declared fields before it is sent
     */
    BulkRequestBuilder(
            KeyTemplate index,
            Optional<EventTimeField> eventTime,
            Optional<String> tagKey,
            String node,
            DeclaredFields declared) {
        this.index = index;
        this.eventTime = eventTime;
        this.tagKey = tagKey;
        this.node = node;
        this.declared = declared;
    }

    List<BulkItem> items(Chunk chunk) {
        String idPrefix = ChunkIds.fileSafe(chunk.id()) + "-";
        List<BulkItem> items = new ArrayList<>(chunk.count());
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        Optional<TagField> tag = tagKey.map(k -> new TagField(k, chunk.tag()));
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(json, eventTime, tag)) {
            EntryReader.read(
                    chunk.entries(),
                    chunk.offset(),
                    chunk.length(),
                    (nanos, buf, off, len) -> {
                        json.reset();
                        try {
                            encoder.write(nanos, buf, off, len);
                            encoder.flush();
                            byte[] source = declared.fit(json.toByteArray());
                            String target =
                                    index.render(
                                                    chunk.tag(),
                                                    node,
                                                    chunk.id(),
                                                    Math.floorDiv(nanos, 1_000_000_000L))
                                            .toLowerCase(Locale.ROOT);
                            String problem = SafeNames.indexProblem(target);
                            if (problem != null) {
                                throw new UnsafeNameException(target, problem);
                            }
                            items.add(
                                    new BulkItem(
                                            items.size(),
                                            nanos,
                                            off,
                                            len,
                                            target,
                                            idPrefix + items.size(),
                                            source));
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
}
