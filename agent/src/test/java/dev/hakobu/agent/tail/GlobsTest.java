package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobsTest {
    @TempDir Path dir;

    @Test
    void globsFindMatchingRegularFilesOnly() throws Exception {
        Files.createDirectories(dir.resolve("app/sub"));
        Files.writeString(dir.resolve("app/api.log"), "");
        Files.writeString(dir.resolve("app/api.log.1"), "");
        Files.writeString(dir.resolve("app/sub/deep.log"), "");
        Files.createDirectories(dir.resolve("app/dir.log"));

        assertThat(new Globs(List.of(dir + "/app/*.log")).scan())
                .containsExactly(dir.resolve("app/api.log"));
        assertThat(new Globs(List.of(dir + "/app/**.log")).scan())
                .containsExactly(dir.resolve("app/api.log"), dir.resolve("app/sub/deep.log"));
        assertThat(new Globs(List.of(dir + "/app/api.log", dir + "/missing/*.log")).scan())
                .containsExactly(dir.resolve("app/api.log"));
    }

    @Test
    void excludesMatchFileNamesOrWholePaths() throws Exception {
        Files.createDirectories(dir.resolve("x"));
        for (String name : List.of("a.log", "b.log", "old.log.gz", "debug.log")) {
            Files.writeString(dir.resolve("x/" + name), "");
        }
        Globs globs =
                new Globs(
                        List.of(dir + "/x/*.log", dir + "/x/*.gz"),
                        List.of("*.gz", dir + "/x/debug.log"));
        assertThat(globs.scan()).containsExactly(dir.resolve("x/a.log"), dir.resolve("x/b.log"));
    }
}
