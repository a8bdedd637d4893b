package dev.hakobu.outputs.deadletter;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hakobu.encoding.JsonLinesEncoder;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.output.Chunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Writes the refused records of one chunk as JSON lines to {@code <dir>/<chunk id>.records.jsonl}:
 * {@code {"chunk_id", "tag", "index", "time", "output", "reason", "record"}}, one line per record.
 *
 * <p>Contract: {@link #write} returns only once the file is fsynced and renamed into place, so an
 * output may report the chunk Delivered after it. The name is a function of the chunk id: writing the
 * same chunk again (after a retry) replaces the file instead of adding one. Thread-safe.
 */
public final class DeadLetterWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private final Path dir;
    private final String output;

    public DeadLetterWriter(Path dir, String output) {
        this.dir = dir;
        this.output = output;
    }

    /** @return the file written, or null when there was nothing to write */
    public Path write(Chunk chunk, List<DeadLetter> letters) throws IOException {
        if (letters.isEmpty()) {
            return null;
        }
        Files.createDirectories(dir);
        String name = ChunkIds.fileSafe(chunk.id()) + ".records.jsonl";
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try (FileChannel ch =
                FileChannel.open(
                        tmp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(ch);
            for (DeadLetter letter : letters) {
                out.write(line(chunk, letter));
            }
            out.flush();
            ch.force(false);
        }
        Files.move(
                tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
        return target;
    }

    private byte[] line(Chunk chunk, DeadLetter letter) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream(letter.record().length * 2);
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(record)) {
            encoder.write(letter.record(), 0, letter.record().length);
        }
        String recordJson = record.toString(StandardCharsets.UTF_8).stripTrailing();
        ByteArrayOutputStream line = new ByteArrayOutputStream(recordJson.length() + 256);
        try (JsonGenerator g = JSON.createGenerator(line, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("chunk_id", chunk.id());
            g.writeStringField("tag", chunk.tag());
            g.writeNumberField("index", letter.index());
            g.writeStringField("time", Instant.ofEpochSecond(0, letter.epochNanos()).toString());
            g.writeStringField("output", output);
            g.writeStringField("reason", letter.reason());
            g.writeFieldName("record");
            g.writeRawValue(recordJson);
            g.writeEndObject();
        }
        line.write('\n');
        return line.toByteArray();
    }

    public Path dir() {
        return dir;
    }
}
