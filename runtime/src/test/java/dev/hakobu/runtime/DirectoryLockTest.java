package dev.hakobu.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
    @TempDir Path work;

    @Test
    void aSecondInstanceInThisProcessIsRefusedWithTheDirectoryAndPidUntilTheFirstReleasesIt()
            throws Exception {
        Path dir = work.resolve("state");
        long pid = ProcessHandle.current().pid();
        try (DirectoryLock first = DirectoryLock.acquire(dir, "state_dir")) {
            assertThat(Files.readString(dir.resolve(DirectoryLock.FILE))).isEqualTo(pid + "\n");
            assertThatThrownBy(() -> DirectoryLock.acquire(dir, "state_dir"))
                    .isInstanceOfSatisfying(
                            StartFailure.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(2);
                                assertThat(e.getMessage())
                                        .isEqualTo(
                                                dir
                                                        + " is in use by another hakobu process (pid "
                                                        + pid
                                                        + ", this one); each agent and aggregator"
                                                        + " needs its own state_dir");
                            });
            // the refusal must not have released the first lock (closing a channel on the file
            // would)
            assertThatThrownBy(() -> DirectoryLock.acquire(dir.resolve("."), "state_dir"))
                    .isInstanceOf(StartFailure.class);
        }
        try (DirectoryLock again = DirectoryLock.acquire(dir, "state_dir")) {
            assertThat(again.dir()).isEqualTo(dir.toRealPath());
        }
    }

    @Test
    void aLockFileLeftByADeadProcessDoesNotBlock() throws Exception {
        Path dir = Files.createDirectories(work.resolve("state"));
        Files.writeString(dir.resolve(DirectoryLock.FILE), "999999999\n");
        try (DirectoryLock lock = DirectoryLock.acquire(dir, "state_dir")) {
            assertThat(Files.readString(dir.resolve(DirectoryLock.FILE)))
                    .isEqualTo(ProcessHandle.current().pid() + "\n");
        }
    }

    @Test
    void aDirectoryUnderARegularFileIsExitCode73NamingTheFile() throws Exception {
        Path file = Files.writeString(work.resolve("plain"), "not a directory");
        Path dir = file.resolve("buffer");
        assertThatThrownBy(() -> DirectoryLock.acquire(dir, "buffer.dir"))
                .isInstanceOfSatisfying(
                        StartFailure.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(73);
                            assertThat(e.getMessage())
                                    .startsWith("cannot use " + dir + " (buffer.dir): ")
                                    .contains(file + " is a file, not a directory")
                                    .doesNotContain("Exception");
                        });
    }
}
