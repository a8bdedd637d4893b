package dev.hakobu.aggregator.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The chunk ids this node has stored, so a chunk sent again (the ack was lost, the agent crashed
 * before it saw the ack, or it failed over to us after another try) is acknowledged without being
 * written twice. Keeps the last {@code window} ids in memory and in an append-only log that is
 * fsynced before the ack goes out and compacted when it grows to twice the window, so the window
 * survives a restart. Thread-safe.
 */
public final class SeenChunks implements AutoCloseable {
    private final Path file;
    private final int window;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();
    private FileChannel log;
    private long logged;

    public SeenChunks(Path stateDir, int window) throws IOException {
        this(stateDir, "seen-chunks.log", window);
    }

    /** Keeps the ids in {@code dir/fileName}; one file per buffer, so each buffer remembers what it held. */
    public SeenChunks(Path dir, String fileName, int window) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve(fileName);
        this.window = window;
        if (Files.exists(file)) {
            cutTornLine(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (!line.isEmpty()) {
                    remember(line);
                }
            }
            logged = lines.size();
        }
        this.log =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
    }

    /** A torn last line (a crash mid-append) is an id that was never acked: cut it off, so the next append starts clean. */
    private static void cutTornLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    public synchronized boolean contains(String id) {
        return window > 0 && ids.contains(id);
    }

    /** Records an id durably; returns once it is on disk. */
    public void add(String id) throws IOException {
        addAll(List.of(id));
    }

    /** Records ids durably with one write and one fsync; returns once they are on disk. */
    public synchronized void addAll(Collection<String> newIds) throws IOException {
        if (window == 0) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        int added = 0;
        for (String id : newIds) {
            if (ids.add(id)) {
                lines.append(id.replace('\n', ' ')).append('\n');
                added++;
            }
        }
        if (added == 0) {
            return;
        }
        trim();
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            log.write(bytes);
        }
        log.force(false);
        logged += added;
        if (logged > 2L * window) {
            compact();
        }
    }

    private void remember(String id) {
        ids.remove(id);
        ids.add(id);
        trim();
    }

    private void trim() {
        Iterator<String> oldest = ids.iterator();
        while (ids.size() > window && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, (String.join("\n", ids) + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        log.close();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        logged = ids.size();
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
    }
}
