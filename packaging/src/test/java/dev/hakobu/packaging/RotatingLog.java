package dev.hakobu.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An application log and its logrotate, as they behave on a host: the app appends numbered JSON lines
 * (one write per batch, like a buffered logger) to {@code api.log} opened with O_APPEND.
 * <ul>
 *   <li>{@link #renameAndCreate}: logrotate renames the file to {@code api.log.N}; the app writes one more
 *       batch to its old descriptor before it reopens (as after a SIGHUP) and creates a new {@code api.log}.
 *   <li>{@link #copyTruncate}: logrotate copies the file to {@code api.log.N} and truncates the original;
 *       the app keeps its descriptor and, with O_APPEND, writes from 0 again. No write happens between the
 *       copy and the truncation here: lines written in that window exist in neither file and no tailer
 *       can deliver them, so the test leaves that window out and the product documents it.
 * </ul>
 */
final class RotatingLog implements AutoCloseable {
    private final Path file;
    private final OffsetDateTime start;
    private OutputStream out;
    private int next;
    private int rotations;
    private final StringBuilder history = new StringBuilder();

    RotatingLog(Path file, OffsetDateTime start) throws IOException {
        this.file = file;
        this.start = start;
        this.out = open();
    }

    private OutputStream open() throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void write(int lines) throws IOException {
        StringBuilder batch = new StringBuilder(lines * 130);
        for (int i = 0; i < lines; i++, next++) {
            String ts =
                    start.plusNanos(next * 1_000_000L)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            batch.append("{\"timestamp\":\"")
                    .append(ts)
                    .append("\",\"seq\":")
                    .append(next)
                    .append(",\"camera_id\":\"camera")
                    .append(next % 7)
                    .append("\",\"api\":\"/image\"}\n");
        }
        out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void renameAndCreate(int linesBeforeReopen) throws IOException {
        note("rename->" + (rotations + 1));
        Files.move(file, rotated());
        write(linesBeforeReopen);
        out.close();
        out = open();
    }

    void copyTruncate() throws IOException {
        note("copy->" + (rotations + 1));
        Files.copy(file, rotated(), StandardCopyOption.REPLACE_EXISTING);
        try (var ch = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }

    private Path rotated() {
        return file.resolveSibling(file.getFileName() + "." + (++rotations));
    }

    /** Records an event at the current line number, for failure messages. */
    void note(String event) {
        history.append(next).append(':').append(event).append(' ');
    }

    String history() {
        return history.toString();
    }

    int written() {
        return next;
    }

    int rotations() {
        return rotations;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
