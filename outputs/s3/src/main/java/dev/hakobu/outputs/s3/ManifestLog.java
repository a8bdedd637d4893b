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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * Pending Redshift manifests, durable on local disk. Thread-safe; the contract:
 *
 * <ul>
 *   <li><b>Recorded before acked.</b> After a chunk's objects are stored, {@link #add} appends their URLs
 *       to the pending file of its tag and window and returns only once that append is on disk (fsync),
 *       before the write reports Delivered; so a crash never leaves an acked object out of every
 *       manifest. Appends share fsyncs (group commit): an appender writes its lines under a short lock,
 *       then either waits for an fsync already under way to cover them or runs the next one itself, for
 *       every file written since, outside the lock. No appender waits for a manifest upload.
 *   <li><b>A window closes once.</b> {@link #flushEnded} first marks every window ended at {@code now}
 *       as closed, under the lock: an append whose window is closed (its instant was taken just before)
 *       goes to the window that holds {@code now} instead, so a closed window's file never grows again
 *       and the object is listed in the next manifest. Then, outside the lock, each ended window's file
 *       is read, its manifest written to S3 (PutObject), and the file deleted; a window being uploaded
 *       is claimed, so a second caller skips it (one uploader per window).
 *   <li><b>After a crash, identical or a superset.</b> The manifest's key is made from tag, node and
 *       window, so a manifest written again after a crash replaces the earlier one with the same file's
 *       entries, or more (lines appended but not yet acked when the earlier upload read the file). URLs
 *       are deduplicated within a window (a retried chunk appends its URLs again); a chunk retried after
 *       its window's manifest went out is listed in a later manifest too.
 * </ul>
 *
 * <p>Pending files hold one JSON object per line, {@code {"tag": ..., "url": ...}}, so no character a tag
 * or key can hold splits an entry (the old {@code tag<TAB>url} lines are still read, for an upgrade with
 * pending files). A line torn by a crash mid-append is skipped: its chunk was not acked, so it is written
 * again and appends it again. Manifests are built with a JSON generator, and their keys checked like object
 * keys.
 */
final class ManifestLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManifestLog.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private final Path dir;
    private final ManifestConfig config;
    private final String bucket;
    private final String node;
    private final long windowSeconds;
    private final GroupSync sync = new GroupSync();

    /** Guards {@link #open}, {@link #closedThrough} and {@link #uploading}; never held across I/O waits. */
    private final Object lock = new Object();

    /** The pending files being appended to, one channel each, kept open until their window closes. */
    private final Map<Path, FileChannel> open = new HashMap<>();

    /** The latest {@code now} of {@link #flushEnded}, in epoch seconds: windows ended by it are closed. */
    private long closedThrough = Long.MIN_VALUE;

    private final Set<Path> uploading = new HashSet<>();

    ManifestLog(Path dir, ManifestConfig config, String bucket, String node) {
        this.dir = dir;
        this.config = config;
        this.bucket = bucket;
        this.node = node;
        this.windowSeconds = config.window().toSeconds();
    }

    /** Records {@code keys}, written at {@code now}; returns once they are on disk. See the contract. */
    void add(String tag, Instant now, List<String> keys) throws IOException {
        byte[] lines = lines(tag, keys);
        long ticket;
        synchronized (lock) {
            long window = windowOf(now.getEpochSecond());
            if (window + windowSeconds <= closedThrough) {
                window = windowOf(closedThrough);
            }
            Path file =
                    dir.resolve(window + "-" + tag.replaceAll("[^A-Za-z0-9._-]", "_") + ".pending");
            FileChannel ch = open.get(file);
            if (ch == null) {
                Files.createDirectories(dir);
                ch =
                        FileChannel.open(
                                file,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                StandardOpenOption.APPEND);
                open.put(file, ch);
            }
            ByteBuffer buf = ByteBuffer.wrap(lines);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ticket = sync.written(ch);
        }
        sync.await(ticket);
    }

    /** Whether a window with entries ended by {@code now} may need writing: cheap, for a write to ask. */
    boolean anyEnded(Instant now) {
        synchronized (lock) {
            for (Path file : open.keySet()) {
                if (windowOfFile(file) + windowSeconds <= now.getEpochSecond()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Writes the manifests of every window that has ended; a failure leaves them for the next call. Holds
     * the lock only to close the windows and claim files, never across the upload.
     */
    void flushEnded(S3Client s3, Instant now) {
        List<Path> claimed = new ArrayList<>();
        synchronized (lock) {
            closedThrough = Math.max(closedThrough, now.getEpochSecond());
            open.entrySet()
                    .removeIf(
                            e -> {
                                if (windowOfFile(e.getKey()) + windowSeconds > closedThrough) {
                                    return false;
                                }
                                sync.retire(e.getValue());
                                return true;
                            });
        }
        try {
            if (!Files.isDirectory(dir)) {
                return;
            }
            List<Path> listed = new ArrayList<>();
            try (DirectoryStream<Path> pending = Files.newDirectoryStream(dir, "*.pending")) {
                pending.forEach(listed::add);
            }
            synchronized (lock) {
                for (Path file : listed) {
                    if (windowOfFile(file) + windowSeconds <= closedThrough
                            && !open.containsKey(file)
                            && uploading.add(file)) {
                        claimed.add(file);
                    }
                }
            }
            for (Path file : claimed) {
                write(s3, file, windowOfFile(file));
            }
        } catch (IOException | RuntimeException e) { // SdkException included
            log.warn("manifests not written yet (retried later): {}", e.toString());
        } finally {
            synchronized (lock) {
                uploading.removeAll(claimed);
            }
        }
    }

    /** Syncs and closes the open files; entries stay pending for the next start. */
    @Override
    public void close() {
        synchronized (lock) {
            open.values().forEach(sync::retire);
            open.clear();
        }
        try {
            sync.await(sync.flushTicket());
        } catch (IOException e) {
            log.warn("manifest files not synced on close: {}", e.toString());
        }
    }

    private long windowOf(long epochSecond) {
        return Math.floorDiv(epochSecond, windowSeconds) * windowSeconds;
    }

    private static long windowOfFile(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('-')));
    }

    private byte[] lines(String tag, List<String> keys) throws IOException {
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
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One manifest per tag in the file (two tags may share a file name once sanitised). */
    private void write(S3Client s3, Path file, long window) throws IOException {
        Map<String, Set<String>> urlsByTag = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException written) {
            return; // another caller wrote it between our listing and our claim
        }
        for (String line : lines) {
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
