package dev.hakobu.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Appends numbered JSON lines like story S1's API calls (with a secret token in {@code parameter}), one millisecond of event time apart from
 * {@code start}, in batches written with one call each (as a buffered application logger does).
 */
final class LineWriter implements AutoCloseable {
    /** Every line's {@code token} parameter starts with this; none may reach the output. */
    static final String SECRET = "tok-";

    private final OutputStream out;
    private final OffsetDateTime start;
    private int next;

    LineWriter(Path file, OffsetDateTime start) throws IOException {
        this.out =
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.start = start;
    }

    void write(int lines) throws IOException {
        StringBuilder batch = new StringBuilder(lines * 120);
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
                    .append("\",\"api\":\"/setting\",\"parameter\":\"name=cam")
                    .append(next % 7)
                    .append("&token=")
                    .append(SECRET)
                    .append(next)
                    .append("\"}\n");
        }
        out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    int written() {
        return next;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
