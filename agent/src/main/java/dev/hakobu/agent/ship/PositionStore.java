package dev.hakobu.agent.ship;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The committed positions file: one line per file, {@code offset<TAB>fileKey<TAB>path}. Replaced
 * atomically, so a crash leaves either the old or the new version, never a torn one.
 */
public final class PositionStore {
    /** Where reading of a file resumes. */
    public record Position(String fileKey, long offset) {
    }

    private final Path file;

    public PositionStore(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        this.file = stateDir.resolve("positions.tsv");
    }

    public Map<String, Position> load() throws IOException {
        Map<String, Position> positions = new HashMap<>();
        if (!Files.exists(file)) {
            return positions;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3) {
                positions.put(parts[2], new Position(parts[1], Long.parseLong(parts[0])));
            }
        }
        return positions;
    }

    public void save(Map<String, Position> positions) throws IOException {
        StringBuilder text = new StringBuilder();
        positions.forEach((path, p) -> text.append(p.offset()).append('\t').append(p.fileKey()).append('\t').append(path).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
