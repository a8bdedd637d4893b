package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatchTest {
    @TempDir Path dir;

    @Test
    void aNewMatchingEntryOrOneRenamedInWakesTheReaderOthersDoNot() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Globs globs = new Globs(List.of(logs + "/*.log"));
        globs.scan();
        LinkedBlockingQueue<Long> wakes = new LinkedBlockingQueue<>();
        try (DirectoryWatch watch =
                DirectoryWatch.start(globs::concerns, () -> wakes.add(System.nanoTime()))) {
            watch.watch(globs.directories());
            assertThat(watch.takeChange()).as("newly watched: rescan once").isTrue();
            assertThat(watch.takeChange()).isFalse();

            Files.writeString(logs.resolve("other.txt"), "not matched\n");
            long created = System.nanoTime();
            Files.writeString(logs.resolve("new.log"), "matched\n");
            Long woken = wakes.poll(10, TimeUnit.SECONDS);
            assertThat(woken).as("woken for new.log").isNotNull();
            System.out.printf(
                    "DirectoryWatch: woken %.1f ms after the file was created%n",
                    (woken - created) / 1e6);
            assertThat(watch.takeChange()).isTrue();

            Files.writeString(dir.resolve("outside.log"), "");
            Files.move(dir.resolve("outside.log"), logs.resolve("moved-in.log"));
            assertThat(wakes.poll(10, TimeUnit.SECONDS)).as("woken for moved-in.log").isNotNull();
            assertThat(watch.takeChange()).isTrue();
            assertThat(wakes).isEmpty(); // other.txt woke nobody
        }
    }

    @Test
    void aDirectoryThatDoesNotExistYetIsWatchedFromTheScanThatFindsIt() throws Exception {
        Globs globs = new Globs(List.of(dir + "/later/*.log"));
        LinkedBlockingQueue<Long> wakes = new LinkedBlockingQueue<>();
        try (DirectoryWatch watch =
                DirectoryWatch.start(globs::concerns, () -> wakes.add(System.nanoTime()))) {
            globs.scan();
            assertThat(globs.directories()).isEmpty();
            watch.watch(globs.directories());
            assertThat(watch.takeChange()).isFalse();

            Files.createDirectories(dir.resolve("later"));
            globs.scan();
            watch.watch(globs.directories());
            assertThat(watch.takeChange()).isTrue();
            Files.writeString(dir.resolve("later/a.log"), "x\n");
            assertThat(wakes.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void deepGlobsWatchEveryDirectoryAboveTheMatchingDepth() throws Exception {
        Files.createDirectories(dir.resolve("srv/a/logs"));
        Files.createDirectories(dir.resolve("srv/b"));
        Files.writeString(dir.resolve("srv/a/logs/x.log"), "");
        Globs twoLevels = new Globs(List.of(dir + "/srv/*/*.log", dir + "/etc/app.log"));
        twoLevels.scan();
        assertThat(twoLevels.directories())
                .containsExactlyInAnyOrder(
                        dir.resolve("srv"), dir.resolve("srv/a"), dir.resolve("srv/b"));
        assertThat(twoLevels.concerns(dir.resolve("srv/c"))).isTrue(); // a new directory
        assertThat(twoLevels.concerns(dir.resolve("srv/c/y.log"))).isTrue();
        assertThat(twoLevels.concerns(dir.resolve("srv/c/y.txt"))).isFalse();

        Globs any = new Globs(List.of(dir + "/srv/**.log"));
        any.scan();
        assertThat(any.directories())
                .containsExactlyInAnyOrder(
                        dir.resolve("srv"),
                        dir.resolve("srv/a"),
                        dir.resolve("srv/a/logs"),
                        dir.resolve("srv/b"));
    }
}
