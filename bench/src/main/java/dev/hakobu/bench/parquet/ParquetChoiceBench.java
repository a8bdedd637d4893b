package dev.hakobu.bench.parquet;

import dev.hakobu.output.Chunk;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 21's dependency choice: encodes the same story-S1 records, one Parquet object per chunk of about
 * 8 MiB of msgpack, with one candidate per JVM (so loaded classes and RSS are the candidate's):
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) -Xmx1g \
 *     dev.hakobu.bench.parquet.ParquetChoiceBench parquet-java|duckdb [records]
 * </pre>
 *
 * A warm-up pass over the first fifth of the records, then the timed pass over all of them; only the
 * encoding is timed (generating the chunk is not). Prints one line of key=value. Not a test: no assertion.
 */
public final class ParquetChoiceBench {
    static final int CHUNK_RECORDS = 55_000; // about 8 MiB of S1 msgpack

    /** Encodes one chunk into {@code out} (closing it) as a Parquet object. */
    interface Candidate {
        void encode(Chunk chunk, OutputStream out) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int classesBefore = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        Path dir = Files.createTempDirectory("parquet-choice");
        Candidate candidate =
                switch (name) {
                    case "parquet-java" -> new ParquetJavaCandidate();
                    case "duckdb" -> new DuckDbCandidate(dir);
                    default -> throw new IllegalArgumentException(name);
                };
        run(candidate, records / 5, dir);
        long[] timed = run(candidate, records, dir);
        double seconds = timed[0] / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                "candidate=%s records=%d seconds=%.2f records_per_s=%.0f bytes=%d objects=%d"
                        + " heap_peak_mib=%d rss_peak_mib=%d classes_loaded=%d%n",
                name,
                records,
                seconds,
                records / seconds,
                timed[1],
                timed[2],
                heapPeak >> 20,
                rssPeakKib() >> 10,
                ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() - classesBefore);
    }

    /** Returns {encoding nanos, bytes written, objects}. */
    private static long[] run(Candidate candidate, int records, Path dir) throws Exception {
        long nanos = 0;
        long bytes = 0;
        long objects = 0;
        Path file = dir.resolve("object.parquet");
        for (int from = 0; from < records; from += CHUNK_RECORDS) {
            Chunk chunk = S1Generator.chunk(from, Math.min(records, from + CHUNK_RECORDS));
            long start = System.nanoTime();
            candidate.encode(chunk, Files.newOutputStream(file));
            nanos += System.nanoTime() - start;
            bytes += Files.size(file);
            objects++;
        }
        return new long[] {nanos, bytes, objects};
    }

    private static long rssPeakKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
