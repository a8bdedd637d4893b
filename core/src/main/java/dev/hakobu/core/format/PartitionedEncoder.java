package dev.hakobu.core.format;

import dev.hakobu.core.forward.EntryReader;
import dev.hakobu.core.key.KeyTemplate;
import dev.hakobu.core.output.Chunk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a chunk by the key each event's time renders to (so no object straddles two partitions) and
 * writes each part as compressed JSON lines into a stream opened per key. Keys get {@code .json} plus
 * the compression's extension. One instance per worker thread.
 */
public final class PartitionedEncoder {
    /** Opens the stream that receives the bytes for one key; the encoder closes it, or aborts it on failure. */
    public interface Opener {
        OutputStream open(String key) throws IOException;
    }

    /**
     * A destination stream that must not publish what it got when the chunk fails half-way (an S3 upload):
     * on failure the encoder calls {@link #abort()} instead of closing it.
     */
    public interface Abortable {
        void abort();
    }

    private final KeyTemplate template;
    private final Compression compression;
    private final int level;

    public PartitionedEncoder(KeyTemplate template, Compression compression, int level) {
        this.template = template;
        this.compression = compression;
        this.level = level;
    }

    public String extension() {
        return ".json" + compression.extension();
    }

    /** @return the keys written, in first-seen order, with their record counts */
    public Map<String, Integer> encode(Chunk chunk, String node, Opener opener) throws IOException {
        Map<String, JsonLinesEncoder> open = new LinkedHashMap<>();
        java.util.List<OutputStream> raw = new java.util.ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        long[] lastBucket = {Long.MIN_VALUE};
        String[] lastKey = {null};
        try {
            EntryReader.read(chunk.entries(), chunk.offset(), chunk.length(), (nanos, buf, off, len) -> {
                long second = Math.floorDiv(nanos, 1_000_000_000L);
                long bucket = template.timeBucket(second);
                if (bucket != lastBucket[0]) {
                    lastBucket[0] = bucket;
                    lastKey[0] = template.render(chunk.tag(), node, chunk.id(), second) + extension();
                }
                String key = lastKey[0];
                try {
                    JsonLinesEncoder enc = open.get(key);
                    if (enc == null) {
                        OutputStream destination = opener.open(key);
                        raw.add(destination);
                        enc = new JsonLinesEncoder(compression.wrap(destination, level));
                        open.put(key, enc);
                    }
                    enc.write(buf, off, len);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                counts.merge(key, 1, Integer::sum);
            });
        } catch (UncheckedIOException e) {
            abandon(open, raw);
            throw e.getCause();
        }
        try {
            for (JsonLinesEncoder enc : open.values()) {
                enc.close();
            }
        } catch (IOException e) {
            abandon(open, raw);
            throw e;
        }
        return counts;
    }

    /** After a failure: abort what can be aborted, close the rest; the caller reports the failure. */
    private static void abandon(Map<String, JsonLinesEncoder> open, java.util.List<OutputStream> raw) {
        for (OutputStream out : raw) {
            if (out instanceof Abortable a) {
                a.abort();
            }
        }
        for (JsonLinesEncoder enc : open.values()) {
            try {
                enc.close();
            } catch (IOException | RuntimeException ignored) {
                // the write already failed; the caller reports that failure
            }
        }
    }
}
