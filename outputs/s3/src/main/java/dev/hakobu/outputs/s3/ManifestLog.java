package dev.hakobu.outputs.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.hakobu.event.LogSafe;
import dev.hakobu.outputs.key.SafeNames;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pending Redshift manifests, durable on local disk: after an object is stored, its URL is appended
 * (and fsynced) to the file of its tag and window, before the write reports Delivered; so a crash
 * never leaves an object out of every manifest. Once a window has ended, its manifest is written to
 * S3 under a key made from tag, node and window, so writing it again after a crash replaces it; URLs
 * are deduplicated (a retried chunk appends its URLs again). Thread-safe.
 *
 * <p>Pending files hold one JSON object per line, {@code {"tag": ..., "url": ...}}, so no character a tag
 * or key can hold splits an entry (the old {@code tag<TAB>url} lines are still read, for an upgrade with
 * pending files). Manifests are built with a JSON generator, and their keys checked like object keys.
 */
final class ManifestLog {
    private static final Logger log = LoggerFactory.getLogger(ManifestLog.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private final Path dir;
    private final ManifestConfig config;
    private final String bucket;
    private final String node;

    ManifestLog(Path dir, ManifestConfig config, String bucket, String node) {
        this.dir = dir;
        this.config = config;
        this.bucket = bucket;
        this.node = node;
    }

    synchronized void add(String tag, Instant now, List<String> keys) throws IOException {
        Files.createDirectories(dir);
        long window =
                now.getEpochSecond() / config.window().toSeconds() * config.window().toSeconds();
        Path file = dir.resolve(window + "-" + tag.replaceAll("[^A-Za-z0-9._-]", "_") + ".pending");
        StringWriter lines = new StringWriter();
        for (String k : keys) {
            try (JsonGenerator g = JSON.createGenerator(lines)) {
                g.writeStartObject();
                g.writeStringField("tag", tag);
                g.writeStringField("url", "s3://" + bucket + "/" + k);
                g.writeEndObject();
            }
            lines.write('\n');
        }
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        }
    }

    /** Writes the manifests of every window that has ended; a failure leaves them for the next call. */
    synchronized void flushEnded(S3Client s3, Instant now) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> pending = Files.newDirectoryStream(dir, "*.pending")) {
            for (Path file : pending) {
                String name = file.getFileName().toString();
                long window = Long.parseLong(name.substring(0, name.indexOf('-')));
                if (window + config.window().toSeconds() <= now.getEpochSecond()) {
                    write(s3, file, window);
                }
            }
        } catch (IOException | RuntimeException e) { // SdkException included
            log.warn("manifests not written yet (retried later): {}", e.toString());
        }
    }

    /** One manifest per tag in the file (two tags may share a file name once sanitised). */
    private void write(S3Client s3, Path file, long window) throws IOException {
        Map<String, Set<String>> urlsByTag = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] entry = parse(line);
            if (entry != null) {
                urlsByTag.computeIfAbsent(entry[0], t -> new LinkedHashSet<>()).add(entry[1]);
            }
        }
        for (Map.Entry<String, Set<String>> e : urlsByTag.entrySet()) {
            String key =
                    config.prefix()
                            + e.getKey()
                            + "/"
                            + node
                            + "-"
                            + STAMP.format(Instant.ofEpochSecond(window))
                            + ".manifest";
            String problem = SafeNames.keyProblem(key);
            if (problem != null) {
                log.error(
                        "manifest for tag {} not written: its key {}; its {} URLs stay listed in {}",
                        LogSafe.escape(e.getKey()),
                        problem,
                        e.getValue().size(),
                        file);
                return; // kept for an operator: deleting it would lose the entries, retrying cannot
                // help
            }
            s3.putObject(
                    r -> r.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromString(json(e.getValue())));
        }
        Files.delete(file);
    }

    /** {@code [tag, url]} from a pending line (JSON, or the old tab-separated form), or null for a torn line. */
    private static String[] parse(String line) throws IOException {
        if (line.startsWith("{")) {
            String tag = null;
            String url = null;
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("tag")) {
                        tag = p.getValueAsString();
                    } else if (field.equals("url")) {
                        url = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                return null; // a line torn by a crash mid-append: its chunk is retried and appends
                // it again
            }
            return tag == null || url == null ? null : new String[] {tag, url};
        }
        int tab = line.indexOf('\t');
        return tab > 0 ? new String[] {line.substring(0, tab), line.substring(tab + 1)} : null;
    }

    static String json(Set<String> urls) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("entries");
            for (String url : urls) {
                g.writeStartObject();
                g.writeStringField("url", url);
                g.writeBooleanField("mandatory", true);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.append('\n').toString();
    }
}
