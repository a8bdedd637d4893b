package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The .deb packages as an operator's tooling meets them: their contents, their systemd units
 * (systemd-analyze verify), and an install into a scratch root that then runs.
 */
class DebPackageIT {
    @TempDir Path root;

    private static Path deb(String role) {
        return Launcher.dist().getParent().resolve("hakobu-" + role + "_0.1.0-SNAPSHOT_all.deb");
    }

    private static String run(Path dir, String... command)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @Test
    void theAgentPackageHoldsItsUnitLauncherAndConfigButNoOutputsOrAwsSdk() throws Exception {
        String contents = run(root, "dpkg-deb", "-c", deb("agent").toString());
        assertThat(contents)
                .contains(
                        "./lib/systemd/system/hakobu-agent.service",
                        "./usr/lib/hakobu-agent/bin/hakobu",
                        "./etc/hakobu/agent.yaml",
                        "./usr/lib/hakobu-agent/lib/hakobu-agent.jar",
                        "./usr/lib/hakobu-agent/config/logback.xml");
        assertThat(contents)
                .doesNotContain(
                        "hakobu-outputs-", "/s3.jar", "/sdk-core.jar", "hakobu-aggregator.jar");
        assertThat(run(root, "dpkg-deb", "-f", deb("agent").toString(), "Package"))
                .isEqualTo("hakobu-agent\n");
        assertThat(run(root, "dpkg-deb", "-I", deb("agent").toString(), "conffiles"))
                .contains("/etc/hakobu/agent.yaml");
    }

    @Test
    void theAggregatorPackageHoldsEverythingItRuns() throws Exception {
        String contents = run(root, "dpkg-deb", "-c", deb("aggregator").toString());
        assertThat(contents)
                .contains(
                        "./lib/systemd/system/hakobu-aggregator.service",
                        "./usr/lib/hakobu-aggregator/bin/hakobu",
                        "./etc/hakobu/aggregator.yaml",
                        "hakobu-outputs-s3.jar",
                        "/s3.jar");
        assertThat(run(root, "dpkg-deb", "-I", deb("aggregator").toString(), "conffiles"))
                .contains("/etc/hakobu/aggregator.yaml");
    }

    /**
     * The configuring step as dpkg runs it (postinst configure, here into a scratch DPKG_ROOT, with stand-ins for
     * the commands that would change this machine's users): the config ends 0640 and group hakobu, and the
     * secrets file exists 0600 and is never overwritten.
     */
    @ParameterizedTest(name = "hakobu-{0}: config 0640 group hakobu, /etc/default/hakobu-{0} 0600")
    @ValueSource(strings = {"agent", "aggregator"})
    void theConfigIsNotWorldReadableAndTheSecretsFileIsRootOnly(String role) throws Exception {
        run(root, "dpkg", "-x", deb(role).toString(), root.toString());
        assertThat(run(root, "dpkg-deb", "-c", deb(role).toString()))
                .containsPattern(
                        "-rw-r----- \\S+ +\\d+ [-0-9: ]+\\./etc/hakobu/" + role + "\\.yaml");
        Path control = Files.createDirectories(root.resolve("control"));
        run(root, "dpkg-deb", "-e", deb(role).toString(), control.toString());
        Path stubs = Files.createDirectories(root.resolve("stubs"));
        Path chgrpLog = root.resolve("chgrp.log");
        stub(stubs, "getent", "exit 0"); // the hakobu user exists
        stub(stubs, "chgrp", "echo \"$@\" >> '" + chgrpLog + "'");
        String path = stubs + ":" + System.getenv("PATH");

        run(
                root,
                "env",
                "DPKG_ROOT=" + root,
                "PATH=" + path,
                "sh",
                control.resolve("postinst").toString(),
                "configure");

        Path config = root.resolve("etc/hakobu/" + role + ".yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-r-----");
        assertThat(Files.readString(chgrpLog)).isEqualTo("hakobu " + config + "\n");
        Path secrets = root.resolve("etc/default/hakobu-" + role);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rw-------");
        Files.writeString(secrets, "HAKOBU_SHARED_KEY=kept-across-upgrades-0123\n");
        run(
                root,
                "env",
                "DPKG_ROOT=" + root,
                "PATH=" + path,
                "sh",
                control.resolve("postinst").toString(),
                "configure");
        assertThat(Files.readString(secrets))
                .isEqualTo("HAKOBU_SHARED_KEY=kept-across-upgrades-0123\n");
        List<String> unit =
                Files.readAllLines(root.resolve("lib/systemd/system/hakobu-" + role + ".service"));
        assertThat(unit)
                .contains("EnvironmentFile=-/etc/default/hakobu-" + role)
                .anyMatch(l -> l.startsWith("MemoryMax="));
    }

    private static void stub(Path dir, String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @ParameterizedTest(
            name = "hakobu-{0} installs into a scratch root, its unit verifies, and it runs")
    @ValueSource(strings = {"agent", "aggregator"})
    void installedIntoAScratchRootTheUnitVerifiesAndTheLauncherRuns(String role) throws Exception {
        run(root, "dpkg", "-x", deb(role).toString(), root.toString());
        // systemd-analyze resolves the unit's dependencies (sysinit.target, ...) inside the root
        run(
                root,
                "cp",
                "-an",
                "/usr/lib/systemd/system/.",
                root.resolve("lib/systemd/system") + "/");
        run(
                root,
                "systemd-analyze",
                "verify",
                "--man=no",
                "--root=" + root,
                "lib/systemd/system/hakobu-" + role + ".service");

        Path launcher = root.resolve("usr/lib/hakobu-" + role + "/bin/hakobu");
        assertThat(run(root, launcher.toString(), "version")).startsWith("hakobu 0.");
        assertThat(
                        run(
                                root,
                                "env",
                                "HAKOBU_STATE_DIR=" + root.resolve("state"),
                                launcher.toString(),
                                "check-config",
                                "--role",
                                role,
                                root.resolve("etc/hakobu/" + role + ".yaml").toString()))
                .contains("ok (" + role + ")");
        List<String> unit =
                Files.readAllLines(root.resolve("lib/systemd/system/hakobu-" + role + ".service"));
        assertThat(unit)
                .contains(
                        "User=hakobu",
                        "StateDirectory=hakobu/" + role,
                        "ConfigurationDirectory=hakobu",
                        "Restart=on-failure");
        assertThat(unit)
                .anyMatch(
                        l ->
                                l.startsWith(
                                        "ExecReload=/usr/lib/hakobu-"
                                                + role
                                                + "/bin/hakobu check-config"));
    }
}
