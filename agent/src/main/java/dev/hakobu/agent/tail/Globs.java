package dev.hakobu.agent.tail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Expands glob patterns ({@code /var/log/app/*.log}, {@code /srv/**}/*.log) into regular files, sorted,
 * leaving out excluded ones: an exclude pattern with a '/' matches the whole path, one without matches
 * the file name ({@code *.gz}).
 */
final class Globs {
    private final List<Glob> globs = new ArrayList<>();
    private final List<PathMatcher> excludePaths = new ArrayList<>();
    private final List<PathMatcher> excludeNames = new ArrayList<>();
    private boolean complete = true;
    private final TreeSet<Path> directories = new TreeSet<>();

    private record Glob(Path base, int depth, PathMatcher matcher) {}

    Globs(List<String> patterns) {
        this(patterns, List.of());
    }

    Globs(List<String> patterns, List<String> exclude) {
        for (String x : exclude) {
            if (x.indexOf('/') >= 0) {
                String glob =
                        Path.of(x).toAbsolutePath().normalize().toString().replace("\\", "\\\\");
                excludePaths.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            } else {
                excludeNames.add(FileSystems.getDefault().getPathMatcher("glob:" + x));
            }
        }
        for (String pattern : patterns) {
            Path absolute = Path.of(pattern).toAbsolutePath().normalize();
            Path base = absolute.getRoot();
            int depth = 0;
            boolean wild = false;
            for (Path part : absolute) {
                String s = part.toString();
                if (wild || s.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                    wild = true;
                    depth =
                            s.contains("**")
                                    ? Integer.MAX_VALUE
                                    : depth == Integer.MAX_VALUE ? depth : depth + 1;
                } else {
                    base = base.resolve(s);
                }
            }
            String glob = absolute.toString().replace("\\", "\\\\");
            globs.add(
                    new Glob(base, depth, FileSystems.getDefault().getPathMatcher("glob:" + glob)));
        }
    }

    /**
     * The matching regular files now, sorted. A directory that cannot be listed, or vanishes during the
     * walk, is left out and makes the scan {@link #complete() incomplete}; the next scan tries again.
     */
    TreeSet<Path> scan() {
        TreeSet<Path> found = new TreeSet<>();
        complete = true;
        directories.clear();
        for (Glob g : globs) {
            if (g.depth() == 0) {
                if (Files.isRegularFile(g.base()) && !excluded(g.base())) {
                    found.add(g.base());
                }
                Path parent = g.base().getParent();
                if (parent != null && Files.isDirectory(parent)) {
                    directories.add(parent);
                }
                continue;
            }
            if (!Files.isDirectory(g.base())) {
                continue;
            }
            directories.add(g.base());
            try (Stream<Path> entries = Files.walk(g.base(), g.depth())) {
                entries.forEach(
                        p -> {
                            if (g.matcher().matches(p) && !excluded(p) && Files.isRegularFile(p)) {
                                found.add(p);
                            } else if (holdsMatches(g, p) && Files.isDirectory(p)) {
                                directories.add(p);
                            }
                        });
            } catch (IOException | UncheckedIOException e) {
                complete = false; // a directory unreadable or vanished during the walk
            }
        }
        return found;
    }

    /**
     * The directories where a new entry may be (or lead to) a match, as the last {@link #scan} found
     * them: each glob's base and the directories between it and the matching depth. Those that do
     * not exist yet are missing.
     */
    Set<Path> directories() {
        return Collections.unmodifiableSet(directories);
    }

    /**
     * True if a new entry at {@code path} may be a match or hold matches (a directory above the
     * matching depth). Thread-safe: reads only what the constructor set.
     */
    boolean concerns(Path path) {
        for (Glob g : globs) {
            if (g.matcher().matches(path) || holdsMatches(g, path)) {
                return true;
            }
        }
        return false;
    }

    /** {@code p} is strictly below the base and above the depth where the glob matches. */
    private static boolean holdsMatches(Glob g, Path p) {
        if (g.depth() <= 1 || !p.startsWith(g.base()) || p.equals(g.base())) {
            return false;
        }
        return g.base().relativize(p).getNameCount() < g.depth();
    }

    /** False if the last {@link #scan} could not list every directory: a file it left out may still exist. */
    boolean complete() {
        return complete;
    }

    private boolean excluded(Path p) {
        for (PathMatcher m : excludePaths) {
            if (m.matches(p)) {
                return true;
            }
        }
        Path name = p.getFileName();
        for (PathMatcher m : excludeNames) {
            if (m.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
