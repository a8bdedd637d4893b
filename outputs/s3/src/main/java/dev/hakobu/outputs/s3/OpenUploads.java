package dev.hakobu.outputs.s3;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The multipart uploads the output has open, one {@link UploadRecord} file each in {@code
 * <stateDir>/uploads/}, so that an upload a crash cut off is aborted by the next run instead of staying in
 * the bucket for good: its parts billed, in no listing. Thread-safe; the contract:
 *
 * <ul>
 *   <li><b>Recorded before the first part.</b> {@link #opened} is called right after
 *       CreateMultipartUpload returns and returns once the record is on disk (file and directory fsynced);
 *       {@link #closed} deletes it once CompleteMultipartUpload or AbortMultipartUpload succeeded.
 *   <li><b>What kill -9 or a power loss leaves.</b> A record for every upload created and not yet completed
 *       or aborted, except one created in the window between CreateMultipartUpload's answer and its
 *       record's fsync (a small local write; no part has been sent then, but the upload exists): the next
 *       run does not know it. The deletion of a record is not fsynced, so a record may also come back for
 *       an upload already completed or aborted; aborting it again is answered 404 and counts as done.
 *   <li><b>Aborted at the next run's first write.</b> {@link #abortLeftovers}, called at the start of each
 *       write, aborts the upload of every record this instance did not write (on the record's bucket and
 *       key; a 404, NoSuchUpload or NoSuchBucket, means nothing is left) and deletes the record. It runs on
 *       the writing thread, one at a time (another writer skips it rather than wait); no thread of its own
 *       and nothing in {@code start()} waits on S3. Until every record is done it runs again at a write, at
 *       most once a minute while S3 refuses (INFO with the count when it aborted some, WARN on failure).
 *   <li><b>Never one in use.</b> An upload this instance is writing is never aborted: its record is known
 *       as its own from before the file exists until after it is deleted. An upload whose abort failed in
 *       this run (S3 unreachable) is handed over ({@link #abandoned}) and aborted like a leftover.
 * </ul>
 *
 * <p>Only the bucket's lifecycle rule AbortIncompleteMultipartUpload cleans up the window above, records
 * lost with the state directory, and uploads of a bucket this output can no longer reach
 * (docs/operations.md).
 */
final class OpenUploads {
    private static final Logger log = LoggerFactory.getLogger(OpenUploads.class);
    static final Duration RETRY_EVERY = Duration.ofMinutes(1);
    private final Path dir;
    private final String bucket;
    private final String output;
    private final Clock clock;

    /** Records this instance wrote and has not deleted yet: never leftovers. */
    private final Set<Path> mine = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean running = new AtomicBoolean();

    /** Records not written by this instance may exist: set at first and whenever one is handed over. */
    private volatile boolean pending = true;

    private volatile Instant notBefore = Instant.MIN;

    /**
     * @param dir where the records are kept ({@code <stateDir>/uploads}), created at the first record
     * @param output the output's name, for logs
     */
    OpenUploads(Path dir, String bucket, String output, Clock clock) {
        this.dir = dir;
        this.bucket = bucket;
        this.output = output;
        this.clock = clock;
    }

    /**
     * Records an upload just created; returns once the record is on disk.
     *
     * @return the record, to hand to {@link #closed} or {@link #abandoned}
     */
    Path opened(String key, String uploadId) throws IOException {
        Path file = dir.resolve(UUID.randomUUID() + UploadRecord.SUFFIX);
        mine.add(file);
        try {
            new UploadRecord(bucket, key, uploadId).write(file);
        } catch (IOException e) {
            mine.remove(file);
            throw e;
        }
        return file;
    }

    /** The upload was completed or aborted: forgets its record. */
    void closed(Path record) {
        try {
            Files.deleteIfExists(record);
            mine.remove(record);
        } catch (IOException e) {
            abandoned(record); // aborting a completed upload again is answered 404
        }
    }

    /** This instance could not abort the upload: {@link #abortLeftovers} tries again. */
    void abandoned(Path record) {
        mine.remove(record);
        pending = true;
    }

    /** Aborts the uploads of the records left by an earlier run; see the class contract. Never throws. */
    void abortLeftovers(S3Client s3) {
        if (!pending
                || clock.instant().isBefore(notBefore)
                || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            pending = false; // before listing: a record handed over from now on sets it again
            Sweep sweep = sweep(s3);
            if (sweep.failed > 0) {
                pending = true;
                notBefore = clock.instant().plus(RETRY_EVERY);
                log.warn(
                        "{}: {} multipart upload(s) left open by an earlier run not aborted yet ({});"
                                + " their parts stay stored and billed; trying again at a write in {} s."
                                + " The policy needs s3:AbortMultipartUpload; a bucket lifecycle rule"
                                + " AbortIncompleteMultipartUpload removes them too",
                        output,
                        sweep.failed,
                        sweep.error,
                        RETRY_EVERY.toSeconds());
            }
            if (sweep.aborted + sweep.gone > 0) {
                log.info(
                        "{}: aborted {} multipart upload(s) left open by an earlier run ({} were"
                                + " already gone)",
                        output,
                        sweep.aborted + sweep.gone,
                        sweep.gone);
            }
        } catch (IOException | RuntimeException e) {
            pending = true;
            notBefore = clock.instant().plus(RETRY_EVERY);
            log.warn("{}: cannot read the open uploads in {}: {}", output, dir, e.toString());
        } finally {
            running.set(false);
        }
    }

    private static final class Sweep {
        int aborted;
        int gone;
        int failed;
        String error;
    }

    private Sweep sweep(S3Client s3) throws IOException {
        Sweep sweep = new Sweep();
        if (!Files.isDirectory(dir)) {
            return sweep;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(UploadRecord.SUFFIX + ".tmp")) {
                    // a record torn before its rename; its upload is in the unrecorded window
                    if (!mine.contains(dir.resolve(name.substring(0, name.length() - 4)))) {
                        Files.deleteIfExists(file);
                    }
                } else if (name.endsWith(UploadRecord.SUFFIX) && !mine.contains(file)) {
                    abort(s3, file, sweep);
                }
            }
        }
        return sweep;
    }

    private void abort(S3Client s3, Path file, Sweep sweep) throws IOException {
        UploadRecord r;
        try {
            r = UploadRecord.read(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            log.warn("{}: dropping an unreadable upload record: {}", output, e.getMessage());
            Files.deleteIfExists(file);
            return;
        }
        try {
            s3.abortMultipartUpload(b -> b.bucket(r.bucket()).key(r.key()).uploadId(r.uploadId()));
            sweep.aborted++;
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                sweep.failed++;
                sweep.error = r.key() + ": " + e.getMessage();
                return;
            }
            sweep.gone++;
        } catch (SdkException e) {
            sweep.failed++;
            sweep.error = r.key() + ": " + e.getMessage();
            return;
        }
        Files.deleteIfExists(file);
    }
}
