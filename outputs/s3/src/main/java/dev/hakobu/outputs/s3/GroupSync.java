package dev.hakobu.outputs.s3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Group commit for appends to several files: writers that appended since the last fsync share the next
 * one. A writer reports its append ({@link #written}, a ticket), then {@link #await}s that ticket: if no
 * fsync is under way it runs one itself for every file written so far, outside any lock, else it waits
 * for the running one and, if that did not cover its ticket, runs the next. So N concurrent appenders pay
 * about two fsyncs, not N. A failed fsync fails every writer it was for, for good (their chunks are
 * retried and append again): after a failed fsync the kernel may have dropped those pages, so a later
 * fsync that succeeds says nothing about them. Thread-safe.
 */
final class GroupSync {
    private final Set<FileChannel> dirty = new LinkedHashSet<>();
    private final List<FileChannel> retired = new ArrayList<>();
    private long written;
    private long synced;
    private boolean syncing;

    /** Ticket ranges {@code (from, through]} of failed fsyncs, oldest first; failures are rare. */
    private final List<long[]> failed = new ArrayList<>();

    /** Notes an append to {@code ch} (already written); returns the ticket to {@link #await}. */
    synchronized long written(FileChannel ch) {
        dirty.add(ch);
        return ++written;
    }

    /** {@code ch} gets no more appends: it is closed after its last fsync. */
    synchronized void retire(FileChannel ch) {
        retired.add(ch);
        written++;
    }

    /** A ticket that covers everything written or retired so far. */
    synchronized long flushTicket() {
        return written;
    }

    private boolean failedFor(long ticket) {
        for (long[] range : failed) {
            if (ticket > range[0] && ticket <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns once everything written up to {@code ticket} is on disk.
     *
     * @throws IOException when the fsync that covered it failed
     */
    void await(long ticket) throws IOException {
        while (true) {
            long target;
            List<FileChannel> force;
            List<FileChannel> close;
            synchronized (this) {
                while (syncing && synced < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted waiting for the manifest fsync");
                    }
                }
                if (failedFor(ticket)) {
                    throw new IOException("the manifest file's fsync failed; the chunk is retried");
                }
                if (synced >= ticket) {
                    return;
                }
                syncing = true;
                target = written;
                force = new ArrayList<>(dirty);
                dirty.clear();
                close = new ArrayList<>(retired);
                retired.clear();
            }
            IOException failure = null;
            for (FileChannel ch : force) {
                try {
                    if (ch.isOpen()) {
                        ch.force(false);
                    }
                } catch (IOException e) {
                    failure = e;
                }
            }
            for (FileChannel ch : close) {
                try {
                    ch.force(false);
                } catch (IOException e) {
                    failure = e;
                } finally {
                    ch.close();
                }
            }
            synchronized (this) {
                syncing = false;
                if (failure == null) {
                    synced = Math.max(synced, target);
                } else {
                    long[] last = failed.isEmpty() ? null : failed.get(failed.size() - 1);
                    if (last != null && last[0] == synced) {
                        last[1] = Math.max(last[1], target);
                    } else {
                        failed.add(new long[] {synced, target});
                    }
                }
                notifyAll();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
