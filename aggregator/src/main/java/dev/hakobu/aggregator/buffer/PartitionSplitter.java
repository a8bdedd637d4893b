package dev.hakobu.aggregator.buffer;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.event.TimeSpan;
import dev.hakobu.output.Partitioner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits PackedForward entries by the output's partition key, so a buffer chunk never straddles two
 * partitions. The common case (every entry in one partition) keeps the caller's bytes without a copy.
 */
final class PartitionSplitter {
    /** The entries of one partition, in their original order. */
    record Part(String partition, byte[] entries, int offset, int length, int count) {}

    private PartitionSplitter() {}

    /**
     * Like {@link #split(Partitioner, String, byte[], int, int)}, without a walk when the caller knows
     * the entries' count and time span and the span lies in one partition.
     */
    static List<Part> split(
            Partitioner partitioner,
            String tag,
            byte[] buf,
            int off,
            int len,
            int count,
            TimeSpan times) {
        if (count > 0
                && times.isKnown()
                && partitioner.oneKey(times.minSecond(), times.maxSecond())) {
            return List.of(new Part(partitioner.key(tag, times.minSecond()), buf, off, len, count));
        }
        return split(partitioner, tag, buf, off, len);
    }

    static List<Part> split(Partitioner partitioner, String tag, byte[] buf, int off, int len) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        long[] lastBucket = {Long.MIN_VALUE};
        String[] lastKey = {null};
        int total =
                EntryReader.read(
                        buf,
                        off,
                        len,
                        (nanos, b, o, l) -> {
                            counts.computeIfAbsent(
                                            key(partitioner, tag, nanos, lastBucket, lastKey),
                                            k -> new int[1])[0]++;
                        });
        if (counts.size() <= 1) {
            String only =
                    counts.isEmpty() ? partitioner.key(tag, 0) : counts.keySet().iterator().next();
            return List.of(new Part(only, buf, off, len, total));
        }
        Map<String, EntryWriter> writers = new LinkedHashMap<>();
        lastBucket[0] = Long.MIN_VALUE;
        EntryReader.read(
                buf,
                off,
                len,
                (nanos, b, o, l) ->
                        writers.computeIfAbsent(
                                        key(partitioner, tag, nanos, lastBucket, lastKey),
                                        k -> new EntryWriter(len / counts.size() + 64))
                                .add(nanos, b, o, l));
        List<Part> parts = new ArrayList<>();
        writers.forEach((k, w) -> parts.add(new Part(k, w.array(), 0, w.size(), w.count())));
        return parts;
    }

    private static String key(
            Partitioner p, String tag, long nanos, long[] lastBucket, String[] lastKey) {
        long second = Math.floorDiv(nanos, 1_000_000_000L);
        long bucket = p.timeBucket(second);
        if (bucket != lastBucket[0] || lastKey[0] == null) {
            lastBucket[0] = bucket;
            lastKey[0] = p.key(tag, second);
        }
        return lastKey[0];
    }
}
