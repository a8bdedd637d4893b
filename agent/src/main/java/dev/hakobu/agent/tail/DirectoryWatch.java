package dev.hakobu.agent.tail;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices new entries in the directories the globs read (the JDK's {@link WatchService}: inotify on
 * Linux), so that the reader rescans at once instead of at the next {@code rescan_interval}: a file
 * created and renamed out of the glob between two periodic rescans would otherwise never be read.
 * A rename into the glob counts as a creation.
 *
 * <p>The periodic rescan stays the safety net for what this misses: an overflow of events (it asks for
 * a rescan), a directory that does not exist yet (watched from the first scan that finds it), a watch
 * that cannot be registered (inotify's per-user limits; logged once) or no watch service at all.
 *
 * <p>Threads: {@link #watch} and {@link #takeChange} are called by the reader thread; one daemon thread,
 * {@code hakobu-tail-watch}, waits for events, sets the change flag and calls {@code wake}.
 */
final class DirectoryWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DirectoryWatch.class);

    private final WatchService service; // null: none could be made, the rescan alone finds files
    private final Predicate<Path> concerns;
    private final Runnable wake;
    private final AtomicBoolean changed = new AtomicBoolean();
    private final Map<Path, WatchKey> keys = new HashMap<>(); // reader thread
    private boolean refusedOnce; // reader thread: a refused watch is logged once per run
    private final Thread thread;

    private DirectoryWatch(WatchService service, Predicate<Path> concerns, Runnable wake) {
        this.service = service;
        this.concerns = concerns;
        this.wake = wake;
        this.thread = service == null ? null : new Thread(this::run, "hakobu-tail-watch");
    }

    /**
     * Starts watching nothing yet; {@link #watch} adds directories.
     *
     * @param concerns whether a new entry at a path may matter to the globs (others are ignored)
     * @param wake called on the watch thread after a change was flagged
     */
    static DirectoryWatch start(Predicate<Path> concerns, Runnable wake) {
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            log.warn(
                    "cannot watch directories for new files ({}); they are found by the periodic rescan"
                            + " (rescan_interval)",
                    e.toString());
            service = null;
        }
        DirectoryWatch watch = new DirectoryWatch(service, concerns, wake);
        if (watch.thread != null) {
            watch.thread.setDaemon(true);
            watch.thread.start();
        }
        return watch;
    }

    /**
     * Watches {@code directories} too, those not watched already (or no longer: deleted and made again).
     * A directory newly watched flags a change: an entry made between the scan that listed it and now
     * would be missed otherwise.
     */
    void watch(Collection<Path> directories) {
        if (service == null) {
            return;
        }
        keys.values().removeIf(key -> !key.isValid()); // directories deleted since
        for (Path dir : directories) {
            WatchKey key = keys.get(dir);
            if (key != null && key.isValid()) {
                continue;
            }
            try {
                keys.put(dir, dir.register(service, ENTRY_CREATE));
                changed.set(true);
            } catch (NoSuchFileException e) {
                keys.remove(dir); // gone since the scan: the next scan finds what replaced it
            } catch (IOException | RuntimeException e) {
                // e.g. "User limit of inotify watches reached", or the directory is gone already
                keys.remove(dir);
                if (!refusedOnce) {
                    refusedOnce = true;
                    log.warn(
                            "{}: cannot watch for new files ({}); there, and in other directories"
                                    + " that cannot be watched (not logged again), new files are"
                                    + " found by the periodic rescan (rescan_interval)",
                            dir,
                            e.toString());
                } else {
                    log.debug("{}: cannot watch for new files: {}", dir, e.toString());
                }
            }
        }
    }

    /** True, once, if something may have appeared since the last call: the reader should rescan. */
    boolean takeChange() {
        return changed.getAndSet(false);
    }

    /** True if a change is waiting to be taken. */
    boolean hasChange() {
        return changed.get();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        relevant = true; // events were lost: anything may have appeared
                    } else if (key.watchable() instanceof Path dir
                            && event.context() instanceof Path name) {
                        relevant |= concerns.test(dir.resolve(name));
                    }
                }
                key.reset(); // an invalid key (directory gone) is registered again by a scan
                if (relevant) {
                    changed.set(true);
                    wake.run();
                }
            }
        } catch (ClosedWatchServiceException e) {
            // closed: the reader stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the directory watch: {}", e.toString());
        }
    }
}
