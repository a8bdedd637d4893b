package dev.hakobu.bench.cluster;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads every stored object back after the run: counts each {@code (sid, seq)} (lost = never seen,
 * duplicated = seen more than once, foreign = a line without the three stamps) and takes one latency per
 * line, from its {@code ts_us} (written) to its object's store time.
 *
 * <p>The store time is the object file's modification time: the file output's file, or the file S3Proxy's
 * filesystem backend keeps for the object. That is when the object's last byte was written, on the same
 * clock as {@code ts_us}, for every object, at no cost during the run. S3's {@code LastModified} would be
 * the same moment but only to the second, and polling the output while it runs would add the polling
 * period to every latency and take CPU from the roles being measured. Linux stamps files from its coarse
 * clock, a few milliseconds at most, which is far below the latencies measured here.
 */
final class OutputCheck {
    private final long perStream;
    private final BitSet[] seen;
    private final long steadyFromMicros;
    private final Latencies all = new Latencies();
    private final Latencies steady = new Latencies();
    private long distinct;
    private long duplicated;
    private long foreign;
    private long objects;
    private long lastStoreMicros;

    /** @param steadyFromMicros lines written from this time on (epoch microseconds) also count in the steady-state latencies */
    OutputCheck(int streams, long perStream, long steadyFromMicros) {
        this.perStream = perStream;
        this.steadyFromMicros = steadyFromMicros;
        this.seen = new BitSet[streams];
        for (int i = 0; i < streams; i++) {
            seen[i] = new BitSet((int) perStream);
        }
    }

    /** The counts of one finished scan. */
    record Counts(
            long objects,
            long distinct,
            long lost,
            long duplicated,
            long foreign,
            long lastStoreMicros) {}

    /** Scans every finished object under {@code root} (names starting with '.' are files still being written). */
    Counts scan(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files =
                    s.filter(
                                    p ->
                                            !p.getFileName().toString().startsWith(".")
                                                    && p.toString()
                                                            .matches(".*\\.json\\.(gz|zst)$"))
                            .toList();
        }
        for (Path f : files) {
            BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
            if (attrs.isRegularFile()) {
                long stored = attrs.lastModifiedTime().to(TimeUnit.MICROSECONDS);
                lastStoreMicros = Math.max(lastStoreMicros, stored);
                lines(read(f), stored);
                objects++;
            }
        }
        return new Counts(
                objects,
                distinct,
                seen.length * perStream - distinct,
                duplicated,
                foreign,
                lastStoreMicros);
    }

    /** Latencies of every line seen (written -> stored), in microseconds, sorted. */
    long[] sortedLatencies() {
        return all.sorted();
    }

    /** Latencies of the lines written after the warm-up, sorted. */
    long[] sortedSteadyLatencies() {
        return steady.sorted();
    }

    private static byte[] read(Path f) throws IOException {
        try (InputStream raw = Files.newInputStream(f);
                InputStream in =
                        f.toString().endsWith(".gz")
                                ? new GZIPInputStream(raw, 1 << 16)
                                : new ZstdInputStream(raw)) {
            return in.readAllBytes();
        }
    }

    private void lines(byte[] b, long storedMicros) {
        for (int start = 0, end; start < b.length; start = end + 1) {
            end = start;
            while (end < b.length && b[end] != '\n') {
                end++;
            }
            long ts = Stamps.number(b, start, end, Stamps.TS);
            long sid = Stamps.number(b, start, end, Stamps.SID);
            long seq = Stamps.number(b, start, end, Stamps.SEQ);
            if (ts < 0 || sid < 0 || sid >= seen.length || seq < 0 || seq >= perStream) {
                foreign += end > start ? 1 : 0;
                continue;
            }
            if (seen[(int) sid].get((int) seq)) {
                duplicated++;
            } else {
                seen[(int) sid].set((int) seq);
                distinct++;
            }
            all.add(storedMicros - ts);
            if (ts >= steadyFromMicros) {
                steady.add(storedMicros - ts);
            }
        }
    }

    /** A growing array of microsecond latencies. */
    private static final class Latencies {
        private long[] micros = new long[1 << 20];
        private int size;

        void add(long v) {
            if (size == micros.length) {
                micros = Arrays.copyOf(micros, size * 2);
            }
            micros[size++] = v;
        }

        long[] sorted() {
            long[] l = Arrays.copyOf(micros, size);
            Arrays.sort(l);
            return l;
        }
    }
}
