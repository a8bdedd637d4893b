package dev.hakobu.outputs.format;

import dev.hakobu.encoding.RecordWriter;
import dev.hakobu.event.EntryReader;
import dev.hakobu.output.Chunk;
import dev.hakobu.outputs.key.KeyTemplate;
import dev.hakobu.outputs.key.SafeNames;
import dev.hakobu.outputs.key.UnsafeNameException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a chunk by the key each event's time renders to (so no object straddles two partitions) and
 * writes each part in the {@link ObjectFormat} (an encoding, usually compressed) into a stream opened per
 * key. Keys get the format's extension ({@code .json.gz}). One instance per worker thread.
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
    private final ObjectFormat format;
    private final String extension;

    public PartitionedEncoder(KeyTemplate template, ObjectFormat format) {
        this.template = template;
        this.format = format;
        this.extension = format.extension();
    }

    public String extension() {
        return extension;
    }

    /**
     * @return the keys written, in first-seen order, with their record counts; every object is complete
     *         (its writer closed) when this returns
     */
    public Map<String, Integer> encode(Chunk chunk, String node, Opener opener) throws IOException {
        Parts parts = new Parts(chunk, node, opener);
        try {
            EntryReader.parse(chunk.entries(), chunk.offset(), chunk.length(), parts::write);
        } catch (UncheckedIOException e) {
            abandon(parts.open, parts.raw);
            throw e.getCause();
        }
        try {
            for (RecordWriter writer : parts.open.values()) {
                writer.close();
            }
        } catch (IOException e) {
            abandon(parts.open, parts.raw);
            throw e;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        parts.counts.forEach((key, n) -> counts.put(key, n[0]));
        return counts;
    }

    /** The open streams of one chunk; the current key is cached while events stay in one time bucket. */
    private final class Parts {
        final Map<String, RecordWriter> open = new LinkedHashMap<>();
        final List<OutputStream> raw = new ArrayList<>();
        final Map<String, int[]> counts = new LinkedHashMap<>();
        private final Chunk chunk;
        private final String node;
        private final Opener opener;
        private long bucket = Long.MIN_VALUE;
        private RecordWriter current;
        private int[] count;

        Parts(Chunk chunk, String node, Opener opener) {
            this.chunk = chunk;
            this.node = node;
            this.opener = opener;
        }

        int write(long nanos, byte[] buf, int off, int limit) {
            try {
                long second = Math.floorDiv(nanos, 1_000_000_000L);
                long b = template.timeBucket(second);
                if (b != bucket || current == null) {
                    bucket = b;
                    select(template.render(chunk.tag(), node, chunk.id(), second) + extension);
                }
                count[0]++;
                return current.write(nanos, buf, off, limit - off);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @throws UnsafeNameException if the rendered key can never be a key or path ({@link SafeNames}) */
        private void select(String key) throws IOException {
            String problem = SafeNames.keyProblem(key);
            if (problem != null) {
                throw new UnsafeNameException(key, problem);
            }
            current = open.get(key);
            if (current == null) {
                OutputStream destination = opener.open(key);
                raw.add(destination);
                current = format.open(destination, chunk.tag());
                open.put(key, current);
            }
            count = counts.computeIfAbsent(key, k -> new int[1]);
        }
    }

    /** After a failure: abort what can be aborted, close the rest; the caller reports the failure. */
    private static void abandon(Map<String, RecordWriter> open, List<OutputStream> raw) {
        for (OutputStream out : raw) {
            if (out instanceof Abortable a) {
                a.abort();
            }
        }
        for (RecordWriter writer : open.values()) {
            writer.abandon();
        }
    }
}
