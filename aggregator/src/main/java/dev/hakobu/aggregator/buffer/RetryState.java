package dev.hakobu.aggregator.buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A chunk's delivery failures, kept beside it as {@code <chunk>.retry} ("first-failure-millis attempts")
 * so that {@code max_retry_time} counts from the first failure even across restarts: without it a chunk
 * that fails forever would start a fresh retry window on every restart and never reach the dead letters.
 * Written atomically (temporary file, rename) and not fsynced: losing it in a power cut only restarts
 * the window, it never loses data.
 */
final class RetryState {
    static final String SUFFIX = ".retry";

    private RetryState() {}

    static Path fileOf(Path chunk) {
        return chunk.resolveSibling(chunk.getFileName() + SUFFIX);
    }

    static void save(Path chunk, long firstFailureMillis, int attempts) throws IOException {
        Path file = fileOf(chunk);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(
                tmp, firstFailureMillis + " " + attempts + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Restores the saved failures into {@code chunk}; a missing or unreadable file means none. */
    static void restore(Path chunkFile, BufferChunk chunk) {
        try {
            String[] parts =
                    Files.readString(fileOf(chunkFile), StandardCharsets.US_ASCII)
                            .trim()
                            .split(" ");
            chunk.restoreFailures(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
        } catch (NoSuchFileException e) {
            // never failed
        } catch (IOException | RuntimeException e) {
            delete(chunkFile); // a torn write: the retry window starts again, the data is untouched
        }
    }

    static void delete(Path chunk) {
        try {
            Files.deleteIfExists(fileOf(chunk));
        } catch (IOException ignored) {
            // an orphan is removed by the next recovery
        }
    }
}
