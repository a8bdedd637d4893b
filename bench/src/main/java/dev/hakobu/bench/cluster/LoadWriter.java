package dev.hakobu.bench.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One thread appending stamped lines to every agent's files, as applications do: each tick (5 ms) every
 * file gets its share of the lines now due in one write call, all stamped with the time just before that
 * write. At {@code rate} 0 it writes as fast as it can, in blocks of {@link #BLOCK} lines per file.
 */
final class LoadWriter implements Runnable {
    static final int BLOCK = 2_000;
    private static final long TICK_NANOS = 5_000_000;
    private final List<OutputStream> files = new ArrayList<>();
    private final StampedLines lines = new StampedLines();
    private final long perFile;
    private final int rate;
    private final Clock clock;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long finishedNanos;

    /** @param logs per agent, the folder its sources tail; file {@code 2i} is agent i's JSON, {@code 2i+1} its LTSV */
    LoadWriter(List<Path> logs, long perFile, int rate, Clock clock) throws IOException {
        for (Path dir : logs) {
            files.add(
                    Files.newOutputStream(
                            Files.createDirectories(dir).resolve("api.log"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND));
            files.add(
                    Files.newOutputStream(
                            dir.resolve("access.log"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND));
        }
        this.perFile = perFile;
        this.rate = rate;
        this.clock = clock;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        ByteArrayOutputStream block = new ByteArrayOutputStream(BLOCK * 300);
        long[] seq = new long[files.size()];
        try {
            for (long done = 0; done < perFile; ) {
                long due =
                        rate == 0
                                ? done + BLOCK
                                : (long) ((System.nanoTime() - start) / 1e9 * rate / files.size());
                long upTo = Math.min(perFile, Math.min(due, done + BLOCK));
                for (int sid = 0; sid < files.size() && upTo > done; sid++) {
                    block.reset();
                    long micros = micros(clock.instant());
                    for (; seq[sid] < upTo; seq[sid]++) {
                        lines.append(block, sid % 2 == 1, sid, seq[sid], micros);
                    }
                    block.writeTo(files.get(sid));
                    bytes.addAndGet(block.size());
                    written.addAndGet(upTo - done);
                }
                done = Math.max(done, upTo);
                if (rate > 0 && done < perFile) {
                    java.util.concurrent.locks.LockSupport.parkNanos(
                            TICK_NANOS); // pacing, not a wait for an outcome
                }
            }
            for (OutputStream f : files) {
                f.close();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        finishedNanos = System.nanoTime();
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    /** Lines written so far, over all files. */
    long written() {
        return written.get();
    }

    /** Bytes written so far, newlines included. */
    long bytes() {
        return bytes.get();
    }

    /** {@link System#nanoTime()} when the last line was written, or 0 while writing. */
    long finishedNanos() {
        return finishedNanos;
    }
}
