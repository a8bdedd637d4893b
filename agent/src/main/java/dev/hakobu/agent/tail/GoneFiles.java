package dev.hakobu.agent.tail;

import dev.hakobu.agent.ship.Positions;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the positions of files that are gone, so that the positions file does not grow with every file a
 * host ever had. Reader thread only, after each scan.
 *
 * <p>A file identity is gone when it is not open and two complete scans in a row found no globbed path with
 * that identity (one scan can miss a file renamed while its directory was listed). A {@code truncated
 * <fingerprint> in <directory>} key is gone when, in addition, no open file in that directory starts with that
 * fingerprint (its copy, if it is being read) and no truncation seen this run still waits for its copy. {@link Positions#forget} keeps a key
 * that a chunk in flight carries, so a position is only dropped once all of its file's chunks are acked.
 *
 * <p>What that costs: a file renamed out of the globs and later back in is read again from 0.
 */
final class GoneFiles {
    private static final Logger log = LoggerFactory.getLogger(GoneFiles.class);
    private final Positions positions;
    private final StartOffsets starts;
    private Set<String> goneLastScan = Set.of();

    GoneFiles(Positions positions, StartOffsets starts) {
        this.positions = positions;
        this.starts = starts;
    }

    /**
     * @param complete false if a directory could not be listed: then nothing is taken for gone
     * @param seen     the identities of every path the scan found
     */
    void afterScan(boolean complete, Set<String> seen, Collection<TailedFile> open) {
        if (!complete) {
            goneLastScan = Set.of();
            return;
        }
        Set<String> live = new HashSet<>(seen);
        for (TailedFile f : open) {
            live.add(f.key());
            live.add(Truncation.key(f.fingerprint(), f.dir()));
            live.add(Truncation.key(f.fingerprint(), null)); // saved by an older version
        }
        starts.unclaimed().forEach(t -> live.add(t.key()));
        Set<String> gone = positions.keys();
        gone.addAll(starts.releasedKeys());
        gone.removeAll(live);
        Set<String> twice = new HashSet<>(gone);
        twice.retainAll(goneLastScan);
        goneLastScan = gone;
        if (!twice.isEmpty()) {
            twice.forEach(starts::gone);
            Set<String> forgotten = positions.forget(twice);
            log.debug("forgot the positions of {} files no longer on disk", forgotten.size());
        }
    }
}
