package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigLoader#checkingPaths()}: directories to write and files to read, judged as this user. */
class PathChecksTest {
    @TempDir Path dir;

    record Tls(@ReadableFile Path cert, @ReadableFile Optional<Path> ca) {}

    record Role(@WritableDirectory @Default("/") Path stateDir, Optional<Tls> tls, int workers) {
        Role {
            if (workers < 1) {
                throw new IllegalArgumentException("workers: must be at least 1");
            }
        }
    }

    private ConfigLoader checking() {
        return new ConfigLoader(TypeRegistry.of(List.of()), Map.of()).checkingPaths();
    }

    @Test
    void aDirectoryUnderARegularFileAMissingCertAndADirectoryAsCaAreAllReported() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        String yaml =
                """
                state_dir: %s/state/buffer
                tls:
                  cert: %s/missing.crt
                  ca: %s
                workers: 0
                """
                        .formatted(blocker, dir, dir);

        List<String> errors = errors(yaml);

        assertThat(errors)
                .containsExactly(
                        "1:12 state_dir: "
                                + blocker
                                + "/state/buffer cannot be created: "
                                + blocker
                                + " is a regular file, not a directory; choose another directory",
                        "3:9 tls.cert: " + dir + "/missing.crt: no such file",
                        "4:7 tls.ca: " + dir + " is a directory; name the file",
                        "5:10 workers: must be at least 1");
    }

    @Test
    void aDirectoryThatIsAFileIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThat(errors("state_dir: " + file + "\nworkers: 1"))
                .containsExactly(
                        "1:12 state_dir: "
                                + file
                                + " is a file, not a directory; choose a directory");
    }

    @Test
    void aDirectoryThisUserCannotWriteIsReported() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assertThat(locked.toFile().setWritable(false, false)).isTrue();
        try {
            // root writes everywhere: nothing to report then
            boolean root = Files.isWritable(locked);
            List<String> errors = errors("state_dir: " + locked + "/sub\nworkers: 0");
            if (root) {
                assertThat(errors).containsExactly("2:10 workers: must be at least 1");
            } else {
                assertThat(errors)
                        .containsExactly(
                                "1:12 state_dir: "
                                        + locked
                                        + "/sub does not exist and cannot be created: "
                                        + locked
                                        + " is not writable by user "
                                        + System.getProperty("user.name")
                                        + "; let that user write "
                                        + locked
                                        + " (chown, or ReadWritePaths= under systemd) or choose a directory it may write",
                                "2:10 workers: must be at least 1");
            }
        } finally {
            locked.toFile().setWritable(true, true);
        }
    }

    @Test
    void existingReadableFilesAndWritableDirectoriesPass() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Role role =
                checking()
                        .load(
                                "t.yaml",
                                "state_dir: "
                                        + dir
                                        + "/new/deeper\ntls: {cert: "
                                        + cert
                                        + "}\nworkers: 1",
                                Role.class);
        assertThat(role.stateDir()).isEqualTo(dir.resolve("new/deeper"));
        assertThat(Files.exists(dir.resolve("new"))).as("nothing is created").isFalse();
    }

    @Test
    void withoutCheckingPathsNothingIsLookedAt() throws Exception {
        Role role =
                Loading.plain()
                        .load(
                                "state_dir: /proc/self/nope\ntls: {cert: /nope.crt}\nworkers: 1",
                                Role.class);
        assertThat(role.tls().orElseThrow().cert()).isEqualTo(Path.of("/nope.crt"));
    }

    private List<String> errors(String yaml) {
        try {
            checking().load("t.yaml", yaml, Role.class);
        } catch (ConfigException e) {
            return e.errors().stream()
                    .map(x -> x.line() + ":" + x.column() + " " + x.path() + ": " + x.message())
                    .toList();
        }
        throw new AssertionError("no errors");
    }
}
