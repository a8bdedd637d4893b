package dev.hakobu.packaging;

import dev.hakobu.aggregator.buffer.ChunkReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What an aggregator's buffer folder holds, read from the raw files as an operator would. */
final class BufferFiles {
    private BufferFiles() {}

    /** Chunk files waiting in the output's buffer (not quarantined, not dead-lettered). */
    static List<Path> waiting(Path outputBuffer) throws IOException {
        if (!Files.isDirectory(outputBuffer)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outputBuffer)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".chunk")).sorted().toList();
        }
    }

    /** Events in the waiting chunk files (a file being written may be read short; that only undercounts). */
    static long events(Path outputBuffer) throws IOException {
        long n = 0;
        for (Path p : waiting(outputBuffer)) {
            try {
                n += ChunkReader.read(p).count();
            } catch (Exception e) {
                // deleted or half-written while we read
            }
        }
        return n;
    }

    /** Files anywhere under {@code dir} whose raw bytes contain {@code secret}. */
    static List<Path> containing(Path dir, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(
                            p -> {
                                try {
                                    return indexOf(Files.readAllBytes(p), needle) >= 0;
                                } catch (IOException e) {
                                    return false;
                                }
                            })
                    .toList();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
