package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The .deb packages as an operator's tooling meets them: their contents and names, their systemd units
 * (systemd-analyze verify), the documentation in /usr/share/doc, /usr/bin/hakobu through
 * update-alternatives, and an install into a scratch root that then runs.
 */
class DebPackageIT {
    @TempDir Path root;

    @TempDir Path work;

    private static Path deb(String role) {
        return ScratchRoot.deb(role);
    }

    private static String run(Path dir, String... command)
            throws IOException, InterruptedException {
        return ScratchRoot.run(dir, command);
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
                        "hakobu-outputs-",
                        "/s3.jar",
                        "/sdk-core.jar",
                        "hakobu-aggregator.jar",
                        "parquet",
                        "hadoop");
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
                        "/s3.jar",
                        "hakobu-outputs-parquet.jar",
                        "/parquet-hadoop.jar");
        assertThat(run(root, "dpkg-deb", "-I", deb("aggregator").toString(), "conffiles"))
                .contains("/etc/hakobu/aggregator.yaml");
    }

    /** The tarball carries the operator's documentation as the .debs do, byte for byte the repository's. */
    @Test
    void theTarballCarriesTheDocs() throws Exception {
        String version = System.getProperty("hakobu.version");
        Path tarball = Launcher.dist().getParent().resolve("hakobu-" + version + ".tar.gz");
        run(root, "tar", "-xzf", tarball.toString(), "-C", root.toString());
        Path docs = root.resolve("hakobu-" + version).resolve("docs");
        Path repoDocs = Launcher.dist().getParent().getParent().getParent().resolve("docs");
        try (var files = Files.list(repoDocs)) {
            List<Path> expected = files.filter(Files::isRegularFile).toList();
            assertThat(expected).isNotEmpty();
            for (Path doc : expected) {
                assertThat(docs.resolve(doc.getFileName().toString()))
                        .as("docs/" + doc.getFileName() + " in the tarball")
                        .hasSameBinaryContentAs(doc);
            }
        }
    }

    /**
     * The configuring step as dpkg runs it (postinst configure, here into a scratch DPKG_ROOT, with stand-ins for
     * the commands that would change this machine's users): the config ends 0640 and group hakobu, and the
     * secrets file exists 0600 and is never overwritten.
     */
    @ParameterizedTest(name = "hakobu-{0}: config 0640 group hakobu, /etc/default/hakobu-{0} 0600")
    @ValueSource(strings = {"agent", "aggregator"})
    void theConfigIsNotWorldReadableAndTheSecretsFileIsRootOnly(String role) throws Exception {
        assertThat(run(root, "dpkg-deb", "-c", deb(role).toString()))
                .containsPattern(
                        "-rw-r----- \\S+ +\\d+ [-0-9: ]+\\./etc/hakobu/" + role + "\\.yaml");
        ScratchRoot scratch = new ScratchRoot(root, work).install(role);

        Path config = root.resolve("etc/hakobu/" + role + ".yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-r-----");
        assertThat(scratch.chgrpCalls()).isEqualTo("hakobu " + config + "\n");
        Path secrets = root.resolve("etc/default/hakobu-" + role);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rw-------");
        Files.writeString(secrets, "HAKOBU_SHARED_KEY=kept-across-upgrades-0123\n");
        scratch.maintainerScript(role, "postinst", "configure");
        assertThat(Files.readString(secrets))
                .isEqualTo("HAKOBU_SHARED_KEY=kept-across-upgrades-0123\n");
        List<String> unit =
                Files.readAllLines(root.resolve("lib/systemd/system/hakobu-" + role + ".service"));
        assertThat(unit)
                .contains("EnvironmentFile=-/etc/default/hakobu-" + role)
                .anyMatch(l -> l.startsWith("MemoryMax="));
    }

    @ParameterizedTest(
            name = "hakobu-{0} installs into a scratch root, its unit verifies, and it runs")
    @ValueSource(strings = {"agent", "aggregator"})
    void installedIntoAScratchRootTheUnitVerifiesAndTheLauncherRuns(String role) throws Exception {
        new ScratchRoot(root, work).extract(role);
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

    /**
     * The file name says the version dpkg and apt show (Debian's 0.1.0~SNAPSHOT sorts before 0.1.0),
     * and that version is the launcher's with Debian's pre-release tilde.
     */
    @ParameterizedTest(name = "hakobu-{0}_<Version>_all.deb")
    @ValueSource(strings = {"agent", "aggregator"})
    void theFileNameCarriesThePackagesDebianVersion(String role) throws Exception {
        String version = run(root, "dpkg-deb", "-f", deb(role).toString(), "Version").strip();
        assertThat(deb(role).getFileName().toString())
                .isEqualTo("hakobu-" + role + "_" + version + "_all.deb");
        String launcherVersion =
                run(root, Launcher.dist().resolve("bin/hakobu").toString(), "version")
                        .split(" ")[1];
        assertThat(version).isEqualTo(launcherVersion.replace('-', '~'));
    }

    /**
     * Debian's place for documentation holds an operator's README (no build commands) and every page
     * of docs/; the units' Documentation= point at files the package ships.
     */
    @ParameterizedTest(name = "hakobu-{0} ships docs/ in /usr/share/doc/hakobu-{0}")
    @ValueSource(strings = {"agent", "aggregator"})
    void thePackageShipsTheDocsWhereDebianKeepsThemAndTheUnitPointsAtThem(String role)
            throws Exception {
        new ScratchRoot(root, work).extract(role);
        Path doc = root.resolve("usr/share/doc/hakobu-" + role);
        List<String> repoDocs;
        try (var s = Files.list(Path.of(System.getProperty("hakobu.root"), "docs"))) {
            repoDocs = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(repoDocs)
                .contains(
                        "operations.md",
                        "config-reference.md",
                        "athena.md",
                        "elasticsearch.md",
                        "kinesis.md",
                        "outputs.md");
        List<String> shipped;
        try (var s = Files.list(doc)) {
            shipped = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new java.util.ArrayList<>(repoDocs);
        expected.add("README.md");
        assertThat(shipped).containsExactlyInAnyOrderElementsOf(expected);
        for (String page : repoDocs) {
            assertThat(doc.resolve(page))
                    .hasSameBinaryContentAs(
                            Path.of(System.getProperty("hakobu.root"), "docs", page));
        }
        String readme = Files.readString(doc.resolve("README.md"));
        assertThat(readme)
                .contains("/etc/hakobu/", "operations.md")
                .doesNotContain("mvn", "packaging/target");
        assertThat(root.resolve("usr/lib/hakobu-" + role + "/README.md")).doesNotExist();

        SystemdUnit unit =
                SystemdUnit.read(root.resolve("lib/systemd/system/hakobu-" + role + ".service"));
        List<String> urls = unitDocumentation(root, role);
        assertThat(urls).contains("file:///usr/share/doc/hakobu-" + role + "/operations.md");
        for (String url : urls) {
            assertThat(url).startsWith("file:///");
            assertThat(root.resolve(url.substring("file:///".length())))
                    .as(url + " is in the package")
                    .isRegularFile();
        }
        assertThat(unit.value("ExecStart")).startsWith("/usr/lib/hakobu-" + role + "/bin/hakobu ");
    }

    private static List<String> unitDocumentation(Path root, String role) throws IOException {
        List<String> urls = new java.util.ArrayList<>();
        for (String line :
                Files.readAllLines(
                        root.resolve("lib/systemd/system/hakobu-" + role + ".service"))) {
            if (line.startsWith("Documentation=")) {
                urls.addAll(SystemdUnit.words(line.substring("Documentation=".length())));
            }
        }
        return urls;
    }

    /**
     * Both packages offer /usr/bin/hakobu through update-alternatives (run for real inside the scratch
     * root): installed together, the aggregator's launcher (every subcommand) wins; removing it falls
     * back to the agent's; removing both leaves no link.
     */
    @Test
    void bothPackagesInstallTogetherAndShareUsrBinHakobuThroughAlternatives() throws Exception {
        ScratchRoot scratch = new ScratchRoot(root, work).install("agent");
        assertThat(link("usr/bin/hakobu")).isEqualTo("/etc/alternatives/hakobu");
        assertThat(link("etc/alternatives/hakobu")).isEqualTo("/usr/lib/hakobu-agent/bin/hakobu");

        scratch.install("aggregator");
        assertThat(link("usr/bin/hakobu")).isEqualTo("/etc/alternatives/hakobu");
        assertThat(link("etc/alternatives/hakobu"))
                .isEqualTo("/usr/lib/hakobu-aggregator/bin/hakobu");

        scratch.maintainerScript("aggregator", "prerm", "remove");
        assertThat(link("etc/alternatives/hakobu")).isEqualTo("/usr/lib/hakobu-agent/bin/hakobu");
        scratch.maintainerScript("agent", "prerm", "remove");
        assertThat(root.resolve("usr/bin/hakobu")).doesNotExist();
        assertThat(Files.isSymbolicLink(root.resolve("usr/bin/hakobu"))).isFalse();
    }

    /** The launcher finds its lib/ through a chain of links, as /usr/bin/hakobu -> /etc/alternatives/hakobu -> it. */
    @ParameterizedTest(name = "hakobu-{0}: the launcher runs through /usr/bin-style links")
    @ValueSource(strings = {"agent", "aggregator"})
    void theLauncherRunsThroughAChainOfSymlinks(String role) throws Exception {
        new ScratchRoot(root, work).extract(role);
        Path alternative =
                Files.createSymbolicLink(
                        Files.createDirectories(work.resolve("etc/alternatives")).resolve("hakobu"),
                        root.resolve("usr/lib/hakobu-" + role + "/bin/hakobu"));
        Path usrBin =
                Files.createSymbolicLink(
                        Files.createDirectories(work.resolve("usr/bin")).resolve("hakobu"),
                        alternative);
        assertThat(run(work, usrBin.toString(), "version")).startsWith("hakobu 0.");
        assertThat(
                        run(
                                work,
                                "env",
                                "HAKOBU_STATE_DIR=" + work.resolve("state"),
                                usrBin.toString(),
                                "check-config",
                                "--role",
                                role,
                                root.resolve("etc/hakobu/" + role + ".yaml").toString()))
                .contains("ok (" + role + ")");
    }

    private String link(String path) throws IOException {
        return Files.readSymbolicLink(root.resolve(path)).toString();
    }
}
