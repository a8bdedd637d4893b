package dev.hakobu.outputs.s3;

import dev.hakobu.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One multipart upload as {@link OpenUploads} keeps it on disk: three lines, {@code bucket=}, {@code
 * upload_id=} and {@code key=}, readable by an operator. Bucket names and upload ids hold no line break,
 * and a key that could is refused before any upload ({@link dev.hakobu.outputs.key.SafeNames}).
 */
record UploadRecord(String bucket, String key, String uploadId) {
    static final String SUFFIX = ".upload";

    /**
     * Writes the record to {@code file} and returns once it is on disk: a temporary file, fsync, rename,
     * fsync of the directory. A crash leaves either no record or the whole one (and perhaps a {@code
     * .tmp} file, which {@link OpenUploads} deletes).
     */
    void write(Path file) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        String text = "bucket=" + bucket + "\nupload_id=" + uploadId + "\nkey=" + key + "\n";
        DurableFiles.replace(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IOException when the file cannot be read or is not a record (then nothing can be aborted
     *     with it)
     */
    static UploadRecord read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() != 3
                || !lines.get(0).startsWith("bucket=")
                || !lines.get(1).startsWith("upload_id=")
                || !lines.get(2).startsWith("key=")) {
            throw new IOException(
                    file + ": not an upload record (bucket=, upload_id=, key= lines)");
        }
        return new UploadRecord(
                lines.get(0).substring("bucket=".length()),
                lines.get(2).substring("key=".length()),
                lines.get(1).substring("upload_id=".length()));
    }
}
