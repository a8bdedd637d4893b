package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code .deb} packages installed into a scratch root the way dpkg installs them: files
 * extracted ({@code dpkg-deb -x}), then the maintainer scripts run with {@code DPKG_ROOT} set to the
 * root. The commands that would change this machine's users are stand-ins ({@code getent} says the
 * {@code hakobu} user exists, {@code chgrp} writes its arguments to {@code chgrp.log}); {@code
 * update-alternatives} is the real one, which works inside {@code DPKG_ROOT}.
 */
final class ScratchRoot {
    final Path root;
    private final Path work;

    /**
     * @param root an empty folder, the root to install into
     * @param work a folder outside it for the control files and stand-ins
     */
    ScratchRoot(Path root, Path work) throws IOException {
        this.root = root;
        this.work = work;
        // what every Debian root has, and update-alternatives needs
        for (String dir :
                List.of("var/lib/dpkg/alternatives", "etc/alternatives", "var/log", "usr/bin")) {
            Files.createDirectories(root.resolve(dir));
        }
        Path stubs = Files.createDirectories(work.resolve("stubs"));
        stub(stubs, "getent", "exit 0");
        stub(stubs, "chgrp", "echo \"$@\" >> '" + work.resolve("chgrp.log") + "'");
    }

    /**
     * The package file of {@code role} in the build's target folder, named with the Debian form of the
     * build's version (0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT: a pre-release sorts before the release).
     */
    static Path deb(String role) {
        String version = System.getProperty("hakobu.version");
        if (version == null) {
            throw new IllegalStateException("hakobu.version is not set; run through 'mvn verify'");
        }
        return Launcher.dist()
                .getParent()
                .resolve("hakobu-" + role + "_" + version.replace('-', '~') + "_all.deb");
    }

    /** Extracts the package's files into the root. */
    ScratchRoot extract(String role) throws Exception {
        run(work, "dpkg-deb", "-x", deb(role).toString(), root.toString());
        return this;
    }

    /** Extracts and runs {@code postinst configure}, as {@code apt install} does. */
    ScratchRoot install(String role) throws Exception {
        extract(role);
        maintainerScript(role, "postinst", "configure");
        return this;
    }

    /** Runs one of the package's maintainer scripts in the root, e.g. {@code prerm remove}. */
    String maintainerScript(String role, String script, String argument) throws Exception {
        Path control = work.resolve("control-" + role);
        if (!Files.isDirectory(control)) {
            run(work, "dpkg-deb", "-e", deb(role).toString(), control.toString());
        }
        return run(
                work,
                "env",
                "DPKG_ROOT=" + root,
                "PATH=" + work.resolve("stubs") + ":" + System.getenv("PATH"),
                "sh",
                control.resolve(script).toString(),
                argument);
    }

    /** What the {@code chgrp} stand-in was called with, one call a line. */
    String chgrpCalls() throws IOException {
        Path log = work.resolve("chgrp.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Runs a command in {@code dir}, expects exit 0 within 120 s, and returns stdout and stderr. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, List.of(command));
    }

    static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(new ArrayList<>(command))
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private static void stub(Path dir, String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
