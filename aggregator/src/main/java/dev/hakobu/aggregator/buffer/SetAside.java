package dev.hakobu.aggregator.buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * A folder where chunk files are moved out of the way (quarantine, dead letters), each with a
 * {@code <chunk>.reason} text file beside it saying why and when. The chunk file keeps its format, so
 * {@code hakobu replay} can read it.
 */
final class SetAside {
    static final String REASON = ".reason";
    private final Path folder;

    SetAside(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** Moves {@code chunk} here (the reason file first, so a moved chunk never lacks one). */
    Path move(Path chunk, String reason, Instant now) throws IOException {
        Files.createDirectories(folder);
        Path name = chunk.getFileName();
        Files.writeString(
                folder.resolve(name + REASON), now + " " + reason + "\n", StandardCharsets.UTF_8);
        Path target = folder.resolve(name);
        Files.move(
                chunk, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ChunkFile.syncDirectory(folder);
        ChunkFile.syncDirectory(chunk.getParent());
        return target;
    }

    long count() throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(DiskBuffer.SUFFIX))
                    .count();
        }
    }
}
