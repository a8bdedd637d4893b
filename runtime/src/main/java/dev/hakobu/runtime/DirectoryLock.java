package dev.hakobu.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An exclusive lock on a state or buffer directory, so that no two agents or aggregators own one: a
 * {@link FileChannel#tryLock} on {@code <dir>/.lock}, which holds the owner's pid for the message the next
 * one gets. The operating system drops the lock when the process dies (kill -9 included), so a lock file
 * left behind never blocks a start.
 *
 * <p>Within one JVM (a reload, tests running two instances) the lock is refused the same way: the JVM
 * keeps its own table, consulted before any channel is opened, because on Linux closing any channel on
 * the file would release the lock the other instance holds. {@link #close} is idempotent.
 */
public final class DirectoryLock implements AutoCloseable {
    /** The lock file's name in each locked directory. */
    public static final String FILE = ".lock";

    private static final Map<Path, DirectoryLock> HELD = new HashMap<>();
    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private DirectoryLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed and locks it.
     *
     * @param key the config key naming the directory, for the message ({@code state_dir}, {@code
     *     buffer.dir})
     * @throws StartFailure exit code 2 when another process or instance holds the lock (the message names
     *     the directory and the holder's pid); 73 when the directory cannot be created or written
     */
    public static DirectoryLock acquire(Path dir, String key) throws StartFailure {
        Path real;
        try {
            real = Files.createDirectories(dir).toRealPath();
        } catch (IOException e) {
            throw StartFailure.directory(key, dir, e);
        }
        synchronized (HELD) {
            if (HELD.containsKey(real)) {
                throw StartFailure.lockHeld(key, dir, ProcessHandle.current().pid() + ", this one");
            }
            FileChannel channel;
            try {
                channel =
                        FileChannel.open(
                                real.resolve(FILE),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.READ,
                                StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw StartFailure.directory(key, dir, e);
            }
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    String holder = holder(channel);
                    channel.close();
                    throw StartFailure.lockHeld(key, dir, holder);
                }
                byte[] pid =
                        (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(pid), 0);
                channel.force(true);
                DirectoryLock held = new DirectoryLock(real, channel, lock);
                HELD.put(real, held);
                return held;
            } catch (OverlappingFileLockException e) {
                // something else in this JVM locked the file; closing this channel would release
                // that lock too, so the channel is left open
                throw StartFailure.lockHeld(key, dir, ProcessHandle.current().pid() + ", this one");
            } catch (IOException e) {
                closeQuietly(channel);
                throw StartFailure.directory(key, dir, e);
            }
        }
    }

    /** The pid the holder wrote, or "unknown" when it cannot be read. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(32);
            channel.read(bytes, 0);
            String pid = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII);
            return pid.isBlank() ? "unknown" : pid.strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The locked directory (its real path). */
    public Path dir() {
        return dir;
    }

    /** Releases the lock; the lock file stays (deleting it would race the next owner). */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            HELD.remove(dir, this);
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases it as well
            }
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written that matters
        }
    }
}
