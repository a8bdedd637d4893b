package dev.hakobu.agent.ship;

import dev.hakobu.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The committed positions file, {@code positions.tsv}: UTF-8 text, replaced atomically (temporary file,
 * fsync, rename, fsync of the directory), so a crash leaves either the old or the new version, never a
 * torn one.
 *
 * <pre>
 * #journal-through&#9;41
 * 5000&#9;1024:9f0c2a1b&#9;(dev=2049,ino=131)
 * 733&#9;&#9;truncated 1024:77aa01c3 in (dev=2049,ino=12)
 * </pre>
 *
 * <ul>
 * <li>{@code offset<TAB>check<TAB>key}, one line per position: the file identity (or {@code truncated
 *     <fingerprint> in <directory identity>}, what a truncated file held, for its copy in that directory)
 *     last, so it may hold tabs, with the fingerprint its offset belongs to beside it. Older versions wrote
 *     {@code truncated <fingerprint>} without the directory; such a key is still read, and matches a copy
 *     in any directory as it did then.</li>
 * <li>{@code #journal-through<TAB>seq}: the {@link ChunkJournal} sequence number of the last chunk these
 *     positions cover. Chunks are committed in the order they are numbered, so every journaled chunk
 *     numbered up to it was acknowledged and its marks are in this file: if it is still in the journal, the
 *     agent stopped between saving this file and removing it, and it is not resent. Absent while unknown:
 *     in a file from before it existed, until the first chunk is committed after loading one.</li>
 * </ul>
 *
 * <p>Other lines starting with {@code #} are ignored, as are lines with fewer than three fields. Upgrades:
 * a file without {@code #journal-through} (written before it existed) still loads, with the covered chunks
 * unknown ({@link Saved#journalThrough} empty). Downgrades: a version that knew only position lines skips
 * the {@code #} line, which has two fields.
 */
public final class PositionStore {
    private static final String JOURNAL_THROUGH = "#journal-through";

    /** Where reading of a file resumes: {@code fileKey} is the fingerprint the offset belongs to. */
    public record Position(String fileKey, long offset) {}

    /**
     * The file's content.
     * @param journalThrough the sequence number of the last journaled chunk the positions cover; -1 if none
     *     (no file yet); empty if unknown (a file written before this was recorded)
     */
    public record Saved(Map<String, Position> positions, OptionalLong journalThrough) {}

    private final Path file;

    public PositionStore(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        this.file = stateDir.resolve("positions.tsv");
    }

    /** The positions, in a map the caller may change. */
    public Saved load() throws IOException {
        Map<String, Position> positions = new HashMap<>();
        if (!Files.exists(file)) {
            return new Saved(positions, OptionalLong.of(-1));
        }
        OptionalLong through = OptionalLong.empty();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 3);
            if (line.startsWith(JOURNAL_THROUGH + "\t")) {
                through = OptionalLong.of(Long.parseLong(parts[1]));
            } else if (parts.length == 3 && !line.startsWith("#")) {
                positions.put(parts[2], new Position(parts[1], Long.parseLong(parts[0])));
            }
        }
        return new Saved(positions, through);
    }

    /** Replaces the file; returns once the new version is durable. */
    public void save(Map<String, Position> positions, OptionalLong journalThrough)
            throws IOException {
        StringBuilder text = new StringBuilder();
        journalThrough.ifPresent(
                seq -> text.append(JOURNAL_THROUGH).append('\t').append(seq).append('\n'));
        positions.forEach(
                (path, p) ->
                        text.append(p.offset())
                                .append('\t')
                                .append(p.fileKey())
                                .append('\t')
                                .append(path)
                                .append('\n'));
        DurableFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
