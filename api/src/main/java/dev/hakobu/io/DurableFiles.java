package dev.hakobu.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Small files replaced whole and durably: the agent's positions, the S3 output's open uploads, the Parquet
 * schema registry, dead letters.
 */
public final class DurableFiles {
    private DurableFiles() {}

    /**
     * Makes {@code file} hold exactly {@code bytes}, on disk when this returns: the bytes go to {@code tmp}
     * (same directory), which is fsynced and renamed over {@code file}, then the directory is fsynced. A
     * crash at any point leaves {@code file} as it was or as it is now, never torn; it may leave {@code tmp}
     * behind, which the next replace overwrites.
     */
    public static void replace(Path file, Path tmp, byte[] bytes) throws IOException {
        try (FileChannel ch =
                FileChannel.open(
                        tmp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir =
                FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** {@link #replace(Path, Path, byte[])} through {@code <file>.tmp}. */
    public static void replace(Path file, byte[] bytes) throws IOException {
        replace(file, file.resolveSibling(file.getFileName() + ".tmp"), bytes);
    }
}
