package dev.hakobu.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files under the repository's {@code src-test-data/}, from any module's tests. */
public final class TestData {
    private TestData() {}

    /** The repository root: the build's {@code hakobu.root} property, else the first parent holding src-test-data. */
    public static Path root() {
        String property = System.getProperty("hakobu.root");
        if (property != null && Files.isDirectory(Path.of(property, "src-test-data"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("src-test-data"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find src-test-data above " + Path.of("").toAbsolutePath());
    }

    public static Path file(String relative) {
        return root().resolve("src-test-data").resolve(relative);
    }
}
