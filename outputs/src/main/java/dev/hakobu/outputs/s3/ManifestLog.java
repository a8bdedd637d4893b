package dev.hakobu.outputs.s3;

import java.io.IOException;
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
import java.util.LinkedHashSet;
import java.util.List;
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
 */
final class ManifestLog {
    private static final Logger log = LoggerFactory.getLogger(ManifestLog.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
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
        long window = now.getEpochSecond() / config.window().toSeconds() * config.window().toSeconds();
        Path file = dir.resolve(window + "-" + tag.replaceAll("[^A-Za-z0-9._-]", "_") + ".pending");
        StringBuilder lines = new StringBuilder();
        keys.forEach(k -> lines.append(tag).append('\t').append("s3://").append(bucket).append('/').append(k).append('\n'));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
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

    private void write(S3Client s3, Path file, long window) throws IOException {
        String tag = null;
        Set<String> urls = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                tag = line.substring(0, tab);
                urls.add(line.substring(tab + 1));
            }
        }
        if (tag != null) {
            String key = config.prefix() + tag + "/" + node + "-" + STAMP.format(Instant.ofEpochSecond(window)) + ".manifest";
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromString(json(urls)));
        }
        Files.delete(file);
    }

    static String json(Set<String> urls) {
        StringBuilder out = new StringBuilder("{\"entries\":[\n");
        int i = 0;
        for (String url : urls) {
            out.append(i++ > 0 ? ",\n" : "").append("  {\"url\":\"").append(url.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\",\"mandatory\":true}");
        }
        return out.append("\n]}\n").toString();
    }
}
