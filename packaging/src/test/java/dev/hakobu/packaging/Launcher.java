package dev.hakobu.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code bin/hakobu} as a separate process, the way an operator does. */
final class Launcher {
    record Result(int exit, String out, String err) {}

    static Path dist() {
        String dist = System.getProperty("hakobu.dist");
        if (dist == null) {
            throw new IllegalStateException("hakobu.dist is not set; run through 'mvn verify'");
        }
        return Path.of(dist);
    }

    static ProcessBuilder builder(Path logDir, String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(dist().resolve("bin/hakobu").toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(logDir.resolve(name + ".out").toFile())
                .redirectError(logDir.resolve(name + ".err").toFile());
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), args);
    }

    /** Runs with {@code env} added to this process's environment. */
    static Result run(Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = builder(workDir, "run", args).directory(workDir.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "hakobu " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(
                p.exitValue(),
                Files.readString(workDir.resolve("run.out"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("run.err"), StandardCharsets.UTF_8));
    }

    private Launcher() {}
}
