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
 * about two fsyncs, not N. A failed fsync fails the writers it was for (their chunks are retried) and
 * leaves the files dirty for the next one. Thread-safe.
 */
final class GroupSync {
    private final Set<FileChannel> dirty = new LinkedHashSet<>();
    private final List<FileChannel> retired = new ArrayList<>();
    private long written;
    private long synced;
    private boolean syncing;

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

    /** Returns once everything written up to {@code ticket} is on disk. */
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
                    force.stream().filter(FileChannel::isOpen).forEach(dirty::add);
                }
                notifyAll();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
